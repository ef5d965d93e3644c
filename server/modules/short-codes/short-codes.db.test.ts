import { SubAccounts } from '@vonage/subaccounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optInText } from '../../../contract/short-codes.js';
import { verifyLedger } from '../../platform/ledger/verify-ledger.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

type Family = Awaited<ReturnType<typeof signUpVerified>>;

const configuration = {
  purpose: 'two_factor',
  template: 'Your Acme code is {pin}. It expires in 10 minutes.',
  messages_per_day: 2,
  terms_url: 'https://acme.example/terms',
  privacy_url: 'https://acme.example/privacy',
};

describe('shared short codes', () => {
  let t: TestApp;
  let origin: string;
  let family: Family;
  let subA: string;
  let subB: string;

  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
    family = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(family.apiKey, family.apiSecret) };
    const create = async (name: string) => (await t.app.inject({ method: 'POST', url: `/accounts/${family.apiKey}/subaccounts`, headers: auth, payload: { name } })).json().api_key as string;
    subA = await create('Shop A');
    subB = await create('Shop B');
  });
  afterAll(async () => {
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
    await t.close();
  });

  const configure = (apiKey: string, code: string, body: object, browser = family.browser) =>
    browser.request({ method: 'PUT', url: `/api/accounts/${apiKey}/short-codes/${code}`, payload: body });
  const balances = async () => (await t.ctx.db.selectFrom('accounts').select(['api_key', 'balance_micros']).where('primary_api_key', '=', family.apiKey).orderBy('api_key').execute());

  it('offers the pool by purpose and the family\'s accounts; adds a code free of charge; configures it', async () => {
    const options = (await family.browser.get('/api/short-codes/options')).json();
    expect(options.pool).toEqual(
      expect.arrayContaining([
        { code: '98975', country: 'US', purpose: 'two_factor' },
        { code: '78711', country: 'US', purpose: 'alerts' },
      ]),
    );
    expect(options.accounts.map((a: { api_key: string }) => a.api_key)).toEqual([family.apiKey, subA, subB]);

    const before = await balances();
    const added = await family.browser.post('/api/short-codes', { api_key: family.apiKey, code: '98975' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ api_key: family.apiKey, code: '98975', country: 'US', purpose: 'two_factor', template: null, messages_per_day: null });
    expect(await balances()).toEqual(before);

    const again = await family.browser.post('/api/short-codes', { api_key: family.apiKey, code: '98975' });
    expect([again.statusCode, again.json().invalid_parameters]).toEqual([409, [{ name: 'code', reason: 'This account already has it' }]]);

    const saved = await configure(family.apiKey, '98975', configuration);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ template: configuration.template, placeholders: ['pin'], messages_per_day: 2, terms_url: configuration.terms_url });
    const list = (await family.browser.get('/api/short-codes')).json();
    expect(list.items).toHaveLength(1);
    expect(optInText(list.items[0])).toBe(
      'You will receive no more than 2 msgs/day. To opt-out at any time, send STOP to 98975. To receive more information, send HELP to 98975. Message and Data Rates May Apply. The terms and conditions can be viewed at https://acme.example/terms. Our Privacy Policy can be reviewed at https://acme.example/privacy.',
    );
    const activity = await t.ctx.db.selectFrom('activity_entries').select(['kind', 'changes']).where('primary_api_key', '=', family.apiKey).where('kind', 'like', 'short_code.%').execute();
    expect(activity.map((a) => a.kind).sort()).toEqual(['short_code.added', 'short_code.configured']);
  });

  it('checks the template for its purpose and every value, naming the field (problem+json)', async () => {
    const reasonFor = async (body: object) => {
      const response = await configure(family.apiKey, '98975', body);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      return response.json().invalid_parameters as { name: string; reason: string }[];
    };
    expect(await reasonFor({ ...configuration, template: 'Your code is ready' })).toEqual([{ name: 'template', reason: 'Put {pin} where the code goes' }]);
    expect(await reasonFor({ ...configuration, template: '{pin} {pin}' })).toEqual([{ name: 'template', reason: 'Use {pin} once' }]);
    expect(await reasonFor({ ...configuration, template: 'Hi {name}, {pin}' })).toEqual([{ name: 'template', reason: 'A two-factor message has only {pin}: remove {name}' }]);
    expect(await reasonFor({ ...configuration, template: 'Code {pin' })).toEqual([{ name: 'template', reason: 'Every { needs its } around a placeholder name' }]);
    expect(await reasonFor({ ...configuration, template: `{pin}${'x'.repeat(156)}` })).toEqual([{ name: 'template', reason: 'At most 160 characters' }]);
    const wrong = await reasonFor({ ...configuration, messages_per_day: 0, terms_url: 'javascript:alert(1)', privacy_url: '' });
    expect(wrong.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'messages_per_day', reason: 'At least 1 message a day' },
      { name: 'privacy_url', reason: 'Enter the http or https address of your privacy policy' },
      { name: 'terms_url', reason: 'Enter the http or https address of your terms and conditions' },
    ]);

    const alert = await configure(family.apiKey, '98975', { ...configuration, purpose: 'alerts', template: 'Order {order_id} shipped' });
    expect([alert.statusCode, alert.json().invalid_parameters]).toEqual([422, [{ name: 'purpose', reason: '98975 is for two-factor authentication' }]]);
    expect((await configure(family.apiKey, '24273', configuration)).statusCode).toBe(404);
    const unchanged = (await family.browser.get('/api/short-codes')).json().items[0];
    expect(unchanged.template).toBe(configuration.template);
  });

  it('an alerts code takes named placeholders; a subaccount can own one; release removes it', async () => {
    expect((await family.browser.post('/api/short-codes', { api_key: subA, code: '78711' })).statusCode).toBe(201);
    const saved = await configure(subA, '78711', { ...configuration, purpose: 'alerts', template: 'Hi {first_name}, order {order_id} ships on {day}. {first_name}' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().placeholders).toEqual(['first_name', 'order_id', 'day']);
    expect((await configure(subA, '78711', { ...configuration, purpose: 'alerts', template: 'Hi {First Name}' })).json().invalid_parameters[0].name).toBe('template');

    expect((await family.browser.post('/api/short-codes', { api_key: subB, code: '33733' })).statusCode).toBe(201);
    expect((await family.browser.request({ method: 'DELETE', url: `/api/accounts/${subB}/short-codes/33733` })).statusCode).toBe(204);
    expect((await family.browser.request({ method: 'DELETE', url: `/api/accounts/${subB}/short-codes/33733` })).statusCode).toBe(404);
    const unknown = await family.browser.post('/api/short-codes', { api_key: subB, code: '12345' });
    expect([unknown.statusCode, unknown.json().invalid_parameters]).toEqual([422, [{ name: 'code', reason: '12345 is not one of the shared short codes' }]]);
    const items = (await family.browser.get('/api/short-codes')).json().items as { api_key: string; code: string; account_name: string }[];
    expect(items.map((i) => [i.api_key, i.code, i.account_name])).toEqual([
      [family.apiKey, '98975', expect.any(String)],
      [subA, '78711', 'Shop A'],
    ]);
  });

  it('needs numbers:read to list and numbers:write to change; a scoped member sees and changes only their subaccount; another family none', async () => {
    const reader = await addMember(t, family.apiKey, { permissions: ['numbers:read'] });
    expect((await reader.browser.get('/api/short-codes')).json().items).toHaveLength(2);
    const refused = await reader.browser.post('/api/short-codes', { api_key: subB, code: '33733' });
    expect([refused.statusCode, refused.json().permission]).toEqual([403, 'numbers:write']);
    expect((await configure(family.apiKey, '98975', configuration, reader.browser)).statusCode).toBe(403);
    const none = await addMember(t, family.apiKey, { permissions: ['account:read'] });
    expect((await none.browser.get('/api/short-codes')).statusCode).toBe(403);

    const scoped = await addMember(t, family.apiKey, { permissions: ['numbers:read', 'numbers:write'], subaccounts: [subA] });
    expect((await scoped.browser.get('/api/short-codes')).json().items.map((i: { code: string }) => i.code)).toEqual(['78711']);
    expect((await scoped.browser.get('/api/short-codes/options')).json().accounts.map((a: { api_key: string }) => a.api_key)).toEqual([subA]);
    expect((await scoped.browser.post('/api/short-codes', { api_key: subB, code: '33733' })).statusCode).toBe(404);
    expect((await configure(family.apiKey, '98975', configuration, scoped.browser)).statusCode).toBe(404);
    expect((await scoped.browser.post('/api/short-codes', { api_key: subA, code: '262966' })).statusCode).toBe(201);

    const stranger = await signUpVerified(t.app, t.ctx);
    expect((await stranger.browser.get('/api/short-codes')).json().items).toEqual([]);
    expect((await stranger.browser.post('/api/short-codes', { api_key: subA, code: '24273' })).statusCode).toBe(404);
    expect((await stranger.browser.request({ method: 'DELETE', url: `/api/accounts/${subA}/short-codes/78711` })).statusCode).toBe(404);
    expect((await family.browser.get('/api/short-codes')).json().items).toHaveLength(3);
  });

  describe('transfer-number through @vonage/subaccounts', () => {
    const post = (body: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/accounts/${family.apiKey}/transfer-number`, headers: { authorization: basic(family.apiKey, family.apiSecret) }, payload: body });
    const holders = async (code: string) =>
      (await t.ctx.db.selectFrom('account_short_codes').select('api_key').where('primary_api_key', '=', family.apiKey).where('code', '=', code).orderBy('api_key').execute()).map((r) => r.api_key);

    it('moves a short code with its configuration to a subaccount and back', async () => {
      const subaccounts = new SubAccounts({ apiKey: family.apiKey, apiSecret: family.apiSecret }, { apiHost: origin });
      const moved = await subaccounts.transferNumber({ from: family.apiKey, to: subB, number: '98975', country: 'US' });
      expect(moved).toEqual({ number: '98975', country: 'US', from: family.apiKey, to: subB, masterAccountId: family.apiKey });
      expect(await holders('98975')).toEqual([subB]);
      const items = (await family.browser.get('/api/short-codes')).json().items as { api_key: string; code: string; template: string }[];
      expect(items.find((i) => i.code === '98975')).toMatchObject({ api_key: subB, template: configuration.template });
      await subaccounts.transferNumber({ from: subB, to: family.apiKey, number: '98975', country: 'US' });
      expect(await holders('98975')).toEqual([family.apiKey]);
      const kinds = await t.ctx.db.selectFrom('activity_entries').select('kind').where('primary_api_key', '=', family.apiKey).where('kind', '=', 'short_code.transferred').execute();
      expect(kinds).toHaveLength(2);
    });

    it('answers each ShortCode rule with the spec\'s text', async () => {
      const detail = (code: string, from: string, to: string, why: string) => `Could not transfer number ${code} from account ${from} to ${to} - ${why}`;
      // 78711 is held by subA; the primary adds it too, so moving it to the primary conflicts.
      await family.browser.post('/api/short-codes', { api_key: family.apiKey, code: '78711' });
      const conflict = await post({ from: subA, to: family.apiKey, number: '78711', country: 'US' });
      expect([conflict.statusCode, conflict.json()]).toEqual([
        409,
        expect.objectContaining({ type: 'https://developer.nexmo.com/api-errors/account/subaccounts#transfer-conflict', title: 'Transfer Conflict', detail: detail('78711', subA, family.apiKey, 'ShortCode is already owned by requesting account') }),
      ]);
      // 262966 is held by subA alone.
      const notOwned = await post({ from: subB, to: family.apiKey, number: '262966', country: 'US' });
      expect([notOwned.statusCode, notOwned.json().title, notOwned.json().detail]).toEqual([403, 'Invalid Number Transfer', detail('262966', subB, family.apiKey, 'ShortCode is not owned by from account')]);
      const missing = await post({ from: family.apiKey, to: subB, number: '24273', country: 'US' });
      expect([missing.statusCode, missing.json().detail, missing.headers['content-type']]).toEqual([404, detail('24273', family.apiKey, subB, 'ShortCode not found'), expect.stringMatching(/^application\/problem\+json/)]);
      const otherCountry = await post({ from: family.apiKey, to: subB, number: '98975', country: 'GB' });
      expect(otherCountry.statusCode).toBe(404);
      const between = await post({ from: subA, to: subB, number: '78711', country: 'US' });
      expect([between.statusCode, between.json().detail]).toEqual([403, expect.stringMatching(/relationship between these two accounts/)]);
      expect(await holders('78711')).toEqual([family.apiKey, subA].sort());
    });

    it('refuses a suspended side', async () => {
      const auth = { authorization: basic(family.apiKey, family.apiSecret) };
      await t.app.inject({ method: 'PATCH', url: `/accounts/${family.apiKey}/subaccounts/${subB}`, headers: auth, payload: { suspended: true } });
      const banned = await post({ from: family.apiKey, to: subB, number: '98975', country: 'US' });
      expect([banned.statusCode, banned.json().detail]).toEqual([403, 'One of the accounts involved in the transfer is banned']);
      await t.app.inject({ method: 'PATCH', url: `/accounts/${family.apiKey}/subaccounts/${subB}`, headers: auth, payload: { suspended: false } });
      expect(await holders('98975')).toEqual([family.apiKey]);
    });
  });
});
