import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleNumber, ConsoleSearchResponse, NumberList } from '../../../contract/numbers.js';
import { DAY, MINUTE } from '../../platform/clock.js';
import { basic } from '../../testing/basic-auth.js';
import { signInOwner, signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.js';
import { topUpByOperator } from '../account/operator.js';
import { runNumberRenewals } from './renew.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('console numbers routes', () => {
  let t: TestApp;
  let webhooks: Server;
  let webhookOrigin: string;
  let primaryKey: string;
  let primarySecret: string;
  let owner: Browser;
  let subA: string;
  let subB: string;

  const createSub = async (name: string, shared: boolean) => {
    const response = await t.app.inject({ method: 'POST', url: `/accounts/${primaryKey}/subaccounts`, headers: { authorization: basic(primaryKey, primarySecret) }, payload: { name, use_primary_account_balance: shared } });
    expect(response.statusCode).toBe(200);
    return response.json().api_key as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    webhooks = createServer((request, response) => {
      response.statusCode = request.url?.startsWith('/ok') ? 200 : 500;
      response.end();
    });
    await new Promise<void>((resolve) => webhooks.listen(0, '127.0.0.1', resolve));
    webhookOrigin = `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}`;
    const family = await signUpVerified(t.app, t.ctx);
    primaryKey = family.apiKey;
    primarySecret = family.apiSecret;
    await topUpByOperator(t.ctx, primaryKey, 200_000_000, 'console-numbers-test');
    owner = await signInOwner(t.app, primaryKey);
    subA = await createSub('Shop A', true);
    subB = await createSub('Shop B', true);
  });
  afterAll(async () => {
    webhooks.close();
    await t.close();
  });

  const balanceOf = async (apiKey: string) => (await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', apiKey).executeTakeFirstOrThrow()).balance_micros;
  const search = async (browser: Browser, query: string) => (await browser.get(`/api/numbers/available?${query}`)).json() as ConsoleSearchResponse;
  const available = async (country = 'GB', type = 'mobile-lvn', index = 1) => (await search(owner, `country=${country}&type=${type}&size=1&index=${index}`)).items[0];
  const list = async (browser: Browser, query = '') => (await browser.get(`/api/numbers?${query}`)).json() as NumberList;
  const listed = async (msisdn: string): Promise<ConsoleNumber | undefined> => (await list(owner, `search=${msisdn}`)).items.find((n) => n.msisdn === msisdn);
  const buy = async (browser: Browser, account: string, number: { country: string; msisdn: string }) => browser.post(`/api/accounts/${account}/numbers`, { country: number.country, msisdn: number.msisdn });
  const configuration = { description: '', app_id: '', mo_http_url: '', voice_callback_type: '', voice_callback_value: '', voice_status_callback: '' };
  const configure = (browser: Browser, account: string, msisdn: string, changes: Partial<typeof configuration>) =>
    browser.request({ method: 'PUT', url: `/api/accounts/${account}/numbers/${msisdn}`, payload: { ...configuration, ...changes } });
  const rentalEntries = async (msisdn: string) => (await t.ctx.db.selectFrom('ledger_entries').select('amount_micros').where('reference', '=', `number:${msisdn}`).execute()).length;

  it('searches the inventory with the public filters, prices in euros, paged', async () => {
    const page = await search(owner, 'country=US&features=SMS,MMS&size=5&index=2');
    expect(page.total).toBeGreaterThan(10);
    expect(page.items).toHaveLength(5);
    expect(page.items[0]).toEqual({ country: 'US', msisdn: expect.stringMatching(/^1/), type: expect.any(String), features: expect.arrayContaining(['SMS', 'MMS']), monthly_cost: expect.any(Number), setup_price: expect.any(Number) });
    const invalid = await owner.get('/api/numbers/available?country=GBR&size=500');
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().invalid_parameters.map((p: { name: string }) => p.name).sort()).toEqual(['country', 'size']);
  });

  it('quotes and buys into a chosen subaccount: a shared-balance one is charged to the primary, and the list shows it with its renewal day', async () => {
    const number = await available('GB', 'landline');
    const quote = (await owner.get(`/api/accounts/${subA}/numbers/quote?country=GB&msisdn=${number.msisdn}`)).json();
    expect(quote).toMatchObject({ payer_api_key: primaryKey, setup_price: number.setup_price, monthly_cost: number.monthly_cost, total: number.setup_price + number.monthly_cost });
    expect(quote.available_after).toBeCloseTo(quote.available_before - quote.total, 6);
    const before = await balanceOf(primaryKey);
    expect((await buy(owner, subA, number)).statusCode).toBe(204);
    expect(before - (await balanceOf(primaryKey))).toBe(Math.round(quote.total * 1_000_000));
    const row = await listed(number.msisdn);
    const today = t.clock.now().toISOString().slice(0, 10);
    expect(row).toMatchObject({ account: { api_key: subA, name: 'Shop A', primary: false }, monthly_cost: number.monthly_cost, webhook: 'none', description: '' });
    expect(row!.renews_on > today).toBe(true);
    expect((await list(owner, `account=${subA}`)).items.map((n) => n.msisdn)).toEqual([number.msisdn]);
    expect((await list(owner, 'account=nobody')).total).toBe(0);
    expect((await list(owner, 'type=mobile-lvn&account=' + subA)).total).toBe(0);
    const again = await buy(owner, subB, number);
    expect(again.statusCode).toBe(409);
  });

  it('refuses without the permission (403) and outside a member’s scope (404); lists only the member’s subaccounts', async () => {
    const reader = await addMember(t, primaryKey, { permissions: ['numbers:read'] });
    const number = await available('FR', 'landline');
    const refused = await buy(reader.browser, primaryKey, number);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ permission: 'numbers:write' });
    const outsider = await addMember(t, primaryKey, { permissions: ['account:read'] });
    expect((await outsider.browser.get('/api/numbers')).statusCode).toBe(403);

    const scoped = await addMember(t, primaryKey, { permissions: ['numbers:read', 'numbers:write'], subaccounts: [subB] });
    expect((await buy(scoped.browser, primaryKey, number)).statusCode).toBe(404);
    expect((await buy(scoped.browser, subA, number)).statusCode).toBe(404);
    expect((await buy(scoped.browser, subB, number)).statusCode).toBe(204);
    const seen = await list(scoped.browser);
    expect(seen.items.map((n) => n.account.api_key)).toEqual([subB]);
    const [ofA] = (await list(owner, `account=${subA}`)).items;
    expect((await configure(scoped.browser, subA, ofA.msisdn, { description: 'mine now' })).statusCode).toBe(404);
    expect((await scoped.browser.post(`/api/accounts/${subA}/numbers/${ofA.msisdn}/cancel`)).statusCode).toBe(404);
    // A number of another account named under one's own subaccount: not rented by it.
    expect((await configure(scoped.browser, subB, ofA.msisdn, { description: 'mine now' })).statusCode).toBe(409);
    expect((await listed(ofA.msisdn))?.description).toBe('');
  });

  it('configures a number: description, app, a probed inbound webhook, voice callbacks checked per type, a voice status webhook', async () => {
    const number = await available('GB', 'mobile-lvn');
    expect((await buy(owner, primaryKey, number)).statusCode).toBe(204);
    const refusedProbe = await configure(owner, primaryKey, number.msisdn, { description: 'Support line', mo_http_url: `${webhookOrigin}/fail` });
    expect(refusedProbe.statusCode).toBe(422);
    expect(refusedProbe.json().invalid_parameters).toEqual([{ name: 'mo_http_url', reason: 'did not answer 200 OK' }]);
    expect((await listed(number.msisdn))?.description).toBe('');

    for (const [type, value] of [['tel', '07700 900001'], ['tel', '+0447700900001'], ['sip', 'user@example.com'], ['sip', 'sip:a b@example.com'], ['app', '']] as const) {
      const response = await configure(owner, primaryKey, number.msisdn, { voice_callback_type: type, voice_callback_value: value });
      expect(response.statusCode, `${type} ${value}`).toBe(422);
      expect(response.json().invalid_parameters.map((p: { name: string }) => p.name)).toEqual(['voice_callback_value']);
    }
    const valueWithoutType = await configure(owner, primaryKey, number.msisdn, { voice_callback_value: '447700900001' });
    expect(valueWithoutType.json().invalid_parameters.map((p: { name: string }) => p.name)).toEqual(['voice_callback_type']);
    const statusCallback = await configure(owner, primaryKey, number.msisdn, { voice_status_callback: 'ftp://example.com/status' });
    expect(statusCallback.json().invalid_parameters).toEqual([{ name: 'voice_status_callback', reason: 'must be an http or https URL' }]);

    const saved = await configure(owner, primaryKey, number.msisdn, {
      description: 'Support line',
      app_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
      mo_http_url: `${webhookOrigin}/ok/inbound`,
      voice_callback_type: 'sip',
      voice_callback_value: 'sip:support@pbx.example.com;transport=tls',
      voice_status_callback: `${webhookOrigin}/ok/status`,
    });
    expect(saved.statusCode).toBe(204);
    expect(await listed(number.msisdn)).toMatchObject({ description: 'Support line', webhook: 'number', mo_http_url: `${webhookOrigin}/ok/inbound`, voice_callback_type: 'sip' });
    const tel = await configure(owner, primaryKey, number.msisdn, { description: 'Support line', mo_http_url: `${webhookOrigin}/ok/inbound`, voice_callback_type: 'tel', voice_callback_value: '+447700900001' });
    expect(tel.statusCode).toBe(204);
    expect(await listed(number.msisdn)).toMatchObject({ voice_callback_type: 'tel', voice_callback_value: '+447700900001', app_id: '', voice_status_callback: '' });
    const activity = await t.ctx.db.selectFrom('activity_entries').select('kind').where('object_id', '=', number.msisdn).where('kind', '=', 'number.updated').execute();
    expect(activity).toHaveLength(2);
  });

  it('applies the same checks to the public POST /number/update, in the error-code format', async () => {
    const [mine] = (await list(owner, `account=${primaryKey}&search=Support`)).items;
    const post = (payload: string) => t.app.inject({ method: 'POST', url: '/number/update', headers: { authorization: basic(primaryKey, primarySecret), ...form }, payload: `country=${mine.country}&msisdn=${mine.msisdn}&${payload}` });
    for (const payload of ['voiceCallbackType=tel&voiceCallbackValue=abc', 'voiceCallbackType=sip&voiceCallbackValue=447700900001']) {
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ 'error-code': '400', invalid_parameters: [{ name: 'voiceCallbackValue' }] });
    }
    expect((await post(`moHttpUrl=${encodeURIComponent(`${webhookOrigin}/fail`)}`)).json()).toMatchObject({ 'error-code': '400', invalid_parameters: [{ name: 'moHttpUrl', reason: 'did not answer 200 OK' }] });
    expect((await post('voiceStatusCallback=javascript:alert(1)')).json()).toMatchObject({ 'error-code': '400', invalid_parameters: [{ name: 'voiceStatusCallback' }] });
    expect((await post('voiceCallbackType=tel&voiceCallbackValue=447700900002')).json()).toEqual({ 'error-code': '200', 'error-code-label': 'success' });
    expect((await listed(mine.msisdn))?.description).toBe('Support line');
  });

  it('cancels with a 5-minute undo that restores the rental unchanged; after it the number is quarantined for 30 days', async () => {
    const [mine] = (await list(owner, `account=${primaryKey}&search=Support`)).items;
    const entries = await rentalEntries(mine.msisdn);
    const cancelled = await owner.post(`/api/accounts/${primaryKey}/numbers/${mine.msisdn}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ msisdn: mine.msisdn, undo_until: new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString() });
    expect(await listed(mine.msisdn)).toBeUndefined();
    const pattern = `country=${mine.country}&pattern=${mine.msisdn}`;
    expect((await search(owner, pattern)).total).toBe(0);
    expect((await buy(owner, subA, mine)).statusCode).toBe(409);

    t.clock.advance(4 * MINUTE);
    expect((await owner.post(`/api/accounts/${primaryKey}/numbers/${mine.msisdn}/undo-cancel`)).statusCode).toBe(204);
    expect(await listed(mine.msisdn)).toEqual(mine);
    expect(await rentalEntries(mine.msisdn)).toBe(entries);
    expect((await owner.post(`/api/accounts/${primaryKey}/numbers/${mine.msisdn}/undo-cancel`)).statusCode).toBe(409);

    expect((await owner.post(`/api/accounts/${primaryKey}/numbers/${mine.msisdn}/cancel`)).statusCode).toBe(200);
    t.clock.advance(5 * MINUTE + 1);
    const late = await owner.post(`/api/accounts/${primaryKey}/numbers/${mine.msisdn}/undo-cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/5 minutes/);
    expect((await search(owner, pattern)).total).toBe(0);
    t.clock.advance(29 * DAY);
    owner = await signInOwner(t.app, primaryKey);
    expect((await search(owner, pattern)).total).toBe(0);
    expect((await buy(owner, primaryKey, mine)).statusCode).toBe(409);
    t.clock.advance(DAY);
    owner = await signInOwner(t.app, primaryKey);
    expect((await search(owner, pattern)).total).toBe(1);
    expect((await buy(owner, primaryKey, mine)).statusCode).toBe(204);
    expect(await listed(mine.msisdn)).toMatchObject({ description: '', webhook: 'none', voice_callback_type: null });
  });

  it('moves a number from a subaccount to the primary and back, and refuses another family’s account', async () => {
    const [ofA] = (await list(owner, `account=${subA}`)).items;
    const moved = await owner.post(`/api/accounts/${subA}/numbers/${ofA.msisdn}/transfer`, { country: ofA.country, to: primaryKey });
    expect(moved.statusCode).toBe(200);
    expect(await listed(ofA.msisdn)).toMatchObject({ account: { api_key: primaryKey, primary: true }, renews_on: ofA.renews_on });
    expect((await owner.post(`/api/accounts/${primaryKey}/numbers/${ofA.msisdn}/transfer`, { country: ofA.country, to: subA })).statusCode).toBe(200);
    const stranger = await signUpVerified(t.app, t.ctx);
    expect((await owner.post(`/api/accounts/${subA}/numbers/${ofA.msisdn}/transfer`, { country: ofA.country, to: stranger.apiKey })).statusCode).toBe(404);
    expect((await owner.post(`/api/accounts/${subA}/numbers/${ofA.msisdn}/transfer`, { country: ofA.country, to: subB })).statusCode).toBe(403);
  });

  it('a cancel racing the renewal job’s release of the same numbers: each number ends once, no deadlock, nothing charged twice', async () => {
    const poor = await signUpVerified(t.app, t.ctx);
    await topUpByOperator(t.ctx, poor.apiKey, 100_000_000, 'race-test');
    let poorOwner = await signInOwner(t.app, poor.apiKey);
    const bought: { country: string; msisdn: string }[] = [];
    for (let index = 1; bought.length < 6; index += 1) {
      const number = await available('US', 'landline', index);
      if ((await buy(poorOwner, poor.apiKey, number)).statusCode === 204) bought.push(number);
    }
    // Spend the rest of the sign-up credit so that no renewal is covered.
    const account = await t.ctx.db.selectFrom('accounts').select(['balance_micros', 'credit_limit_micros']).where('api_key', '=', poor.apiKey).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('accounts').set({ credit_limit_micros: account.balance_micros }).where('api_key', '=', poor.apiKey).execute();
    t.clock.advance(32 * DAY);
    poorOwner = await signInOwner(t.app, poor.apiKey);
    const [pass, ...cancels] = await Promise.all([
      runNumberRenewals(t.ctx, t.clock.now()),
      ...bought.map((number) => poorOwner.post(`/api/accounts/${poor.apiKey}/numbers/${number.msisdn}/cancel`)),
    ]);
    const cancelled = cancels.filter((response) => response.statusCode === 200).length;
    expect(cancels.every((response) => response.statusCode === 200 || response.statusCode === 409)).toBe(true);
    const released = await t.ctx.db.selectFrom('activity_entries').select('object_id').where('api_key', '=', poor.apiKey).where('kind', '=', 'number.released').execute();
    expect(released.length).toBeLessThanOrEqual(pass.released);
    expect(cancelled + released.length).toBe(bought.length);
    const open = await t.ctx.db.selectFrom('number_rentals').select('id').where('api_key', '=', poor.apiKey).where('ended_at', 'is', null).execute();
    expect(open).toEqual([]);
    const owned = await t.ctx.db.selectFrom('numbers').select('msisdn').where('owner_api_key', '=', poor.apiKey).execute();
    expect(owned).toEqual([]);
    const renewed = await t.ctx.db.selectFrom('ledger_entries').select('id').where('api_key', '=', poor.apiKey).where('actor', '=', 'system:number-renewals').execute();
    expect(renewed).toEqual([]);
  });
});
