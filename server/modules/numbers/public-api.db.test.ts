import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Feature, LineType, Numbers, SearchPattern, VoiceCallbackTypeEnum } from '@vonage/numbers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADDRESS_REQUIRED } from '../../../contract/numbers.js';
import { topUpByOperator } from '../account/operator.js';
import { verifyLedger } from '../../platform/ledger/verify-ledger.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { isValidFor } from './inventory.js';

type Family = Awaited<ReturnType<typeof signUpVerified>>;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('public Numbers API through @vonage/numbers', () => {
  let t: TestApp;
  let origin: string;
  let webhooks: Server;
  let webhookOrigin: string;
  let family: Family;
  let numbers: Numbers;

  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
    webhooks = createServer((request, response) => {
      response.statusCode = request.url?.startsWith('/ok') ? 200 : 404;
      response.end();
    });
    await new Promise<void>((resolve) => webhooks.listen(0, '127.0.0.1', resolve));
    webhookOrigin = `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}`;
    family = await signUpVerified(t.app, t.ctx);
    await topUpByOperator(t.ctx, family.apiKey, 100_000_000, 'numbers-test');
    numbers = new Numbers({ apiKey: family.apiKey, apiSecret: family.apiSecret }, { restHost: origin });
  });
  afterAll(async () => {
    webhooks.close();
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
    await t.close();
  });

  const balanceOf = async (apiKey: string) => (await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', apiKey).executeTakeFirstOrThrow()).balance_micros;
  const firstAvailable = async (country: string, type: LineType) => (await numbers.getAvailableNumbers({ country, type, size: 1 })).numbers![0];
  const status = (code: string, label: string) => ({ 'error-code': code, 'error-code-label': label });

  it('seeds about 20 000 numbers of at least 8 countries and the three types, each valid for its country and type', async () => {
    const rows = await t.ctx.db.selectFrom('numbers').select(['msisdn', 'country', 'type']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(19_000);
    expect(new Set(rows.map((r) => r.country)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => `${r.country} ${r.type}`)).size).toBe(new Set(rows.map((r) => r.country)).size * 3);
    expect(rows.filter((r) => !isValidFor(r.msisdn, r.country, r.type))).toEqual([]);
  });

  it('searches with index/size paging, the total in count, string prices and features', async () => {
    const page1 = await numbers.getAvailableNumbers({ country: 'GB', type: LineType.MOBILE_LVN, size: 100, index: 1 });
    const page2 = await numbers.getAvailableNumbers({ country: 'GB', type: LineType.MOBILE_LVN, size: 100, index: 2 });
    expect(page1.count).toBeGreaterThan(200);
    expect(page2.count).toBe(page1.count);
    expect(page1.numbers).toHaveLength(100);
    expect(page1.numbers![0]).toEqual({ country: 'GB', msisdn: expect.stringMatching(/^447/), type: 'mobile-lvn', cost: '0.90', initialPrice: '0.00', features: expect.any(Array) });
    const seen = new Set([...page1.numbers!, ...page2.numbers!].map((n) => n.msisdn));
    expect(seen.size).toBe(200);
    const defaultPage = await numbers.getAvailableNumbers({ country: 'FR' });
    expect(defaultPage.numbers).toHaveLength(10);
    expect(new Set(defaultPage.numbers!.map((n) => n.country))).toEqual(new Set(['FR']));
    const last = await numbers.getAvailableNumbers({ country: 'GB', type: LineType.MOBILE_LVN, size: 100, index: Math.ceil(page1.count! / 100) + 1 });
    expect(last.numbers ?? []).toEqual([]);
  });

  it('filters by features (all of them) and by pattern: starts with, contains, ends with', async () => {
    const withMms = await numbers.getAvailableNumbers({ country: 'US', features: [Feature.SMS, Feature.MMS], size: 100 });
    expect(withMms.count).toBeGreaterThan(0);
    expect(withMms.numbers!.every((n) => n.features!.includes(Feature.MMS) && n.features!.includes(Feature.SMS))).toBe(true);
    const all = await numbers.getAvailableNumbers({ country: 'US', size: 1 });
    expect(withMms.count).toBeLessThan(all.count!);

    const starts = await numbers.getAvailableNumbers({ country: 'GB', pattern: '447400', searchPattern: SearchPattern.START_WITH, size: 100 });
    expect(starts.count).toBeGreaterThan(0);
    expect(starts.numbers!.every((n) => n.msisdn!.startsWith('447400'))).toBe(true);
    const ends = await numbers.getAvailableNumbers({ country: 'GB', pattern: '12', searchPattern: SearchPattern.ENDS_WITH, size: 100 });
    expect(ends.numbers!.every((n) => n.msisdn!.endsWith('12'))).toBe(true);
    const contains = await numbers.getAvailableNumbers({ country: 'GB', pattern: '7946', searchPattern: SearchPattern.CONTAINS, size: 100 });
    expect(contains.count).toBeGreaterThan(0);
    expect(contains.numbers!.every((n) => n.msisdn!.includes('7946'))).toBe(true);
    // The API's own default is 0, starts with (the SDK sends 1 when it is not given).
    const raw = await t.app.inject({ url: '/number/search?country=GB&pattern=4420', headers: { authorization: basic(family.apiKey, family.apiSecret) } });
    expect(raw.json().numbers.every((n: { msisdn: string }) => n.msisdn.startsWith('4420'))).toBe(true);
  });

  it('refuses a size over 100, a missing country and unknown features with a 400 error-code body', async () => {
    const auth = { authorization: basic(family.apiKey, family.apiSecret) };
    for (const query of ['country=GB&size=101', 'type=landline', 'country=GB&features=FAX', 'country=GB&index=0']) {
      const response = await t.app.inject({ url: `/number/search?${query}`, headers: auth });
      expect(response.statusCode, query).toBe(400);
      expect(response.json()['error-code'], query).toBe('400');
    }
    await expect(numbers.getAvailableNumbers({ country: 'GB', size: 101 })).rejects.toThrow(/400/);
  });

  it('buys a number: setup price and first month charged at once, then lists it as owned', async () => {
    const number = await firstAvailable('GB', LineType.LANDLINE_TOLL_FREE);
    const before = await balanceOf(family.apiKey);
    expect(await numbers.buyNumber({ country: 'GB', msisdn: number.msisdn! })).toEqual({ errorCode: '200', errorCodeLabel: 'success' });
    expect(before - (await balanceOf(family.apiKey))).toBe(25_000_000);
    const entries = await t.ctx.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('api_key', '=', family.apiKey).where('reference', '=', `number:${number.msisdn}`).orderBy('kind').execute();
    expect(entries).toEqual([
      { kind: 'number_rental', amount_micros: -15_000_000 },
      { kind: 'number_setup', amount_micros: -10_000_000 },
    ]);
    const owned = await numbers.getOwnedNumbers();
    expect(owned.count).toBe(1);
    expect(owned.numbers).toEqual([{ country: 'GB', msisdn: number.msisdn, type: 'landline-toll-free', features: ['VOICE'] }]);
    const search = await numbers.getAvailableNumbers({ country: 'GB', pattern: number.msisdn!, searchPattern: SearchPattern.START_WITH });
    expect(search.count).toBe(0);
    const activity = await t.ctx.db.selectFrom('activity_entries').select(['kind', 'object_id']).where('api_key', '=', family.apiKey).where('kind', '=', 'number.bought').execute();
    expect(activity).toEqual([{ kind: 'number.bought', object_id: number.msisdn }]);
  });

  it('refuses a number already rented, an unknown one, and one of another country with 420', async () => {
    const [owned] = (await numbers.getOwnedNumbers()).numbers!;
    await expect(numbers.buyNumber({ country: 'GB', msisdn: owned.msisdn! })).rejects.toThrow(/420/);
    const auth = { authorization: basic(family.apiKey, family.apiSecret), ...form };
    const again = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: `country=GB&msisdn=${owned.msisdn}` });
    expect(again.statusCode).toBe(420);
    expect(again.json()).toEqual(status('420', 'method failed: you already own this number'));
    const unknown = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: 'country=GB&msisdn=447000000000' });
    expect(unknown.json()).toEqual(status('420', 'method failed'));
    const available = await firstAvailable('FR', LineType.LANDLINE);
    const wrongCountry = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: `country=GB&msisdn=${available.msisdn}` });
    expect(wrongCountry.statusCode).toBe(420);
    const missing = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: 'country=GB' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ 'error-code': '400', invalid_parameters: [{ name: 'msisdn' }] });
  });

  it('refuses a purchase the available credit does not cover, and charges nothing', async () => {
    const poor = await signUpVerified(t.app, t.ctx);
    const poorNumbers = new Numbers({ apiKey: poor.apiKey, apiSecret: poor.apiSecret }, { restHost: origin });
    const number = await firstAvailable('FR', LineType.LANDLINE_TOLL_FREE);
    const before = await balanceOf(poor.apiKey);
    const response = await t.app.inject({ method: 'POST', url: '/number/buy', headers: { authorization: basic(poor.apiKey, poor.apiSecret), ...form }, payload: `country=FR&msisdn=${number.msisdn}` });
    expect(response.statusCode).toBe(420);
    expect(response.json()['error-code-label']).toMatch(/not enough credit.*33\.00 EUR/);
    expect(await balanceOf(poor.apiKey)).toBe(before);
    expect((await poorNumbers.getOwnedNumbers()).count).toBe(0);
    expect((await poorNumbers.getAvailableNumbers({ country: 'FR', pattern: number.msisdn!, searchPattern: SearchPattern.START_WITH })).count).toBe(1);
  });

  it('sells German and Italian numbers only with a company address there (the spec 420 text); the UK, US and France need none', async () => {
    const company = await signUpVerified(t.app, t.ctx);
    await topUpByOperator(t.ctx, company.apiKey, 50_000_000, 'address-test');
    const auth = { authorization: basic(company.apiKey, company.apiSecret), ...form };
    const german = await firstAvailable('DE', LineType.LANDLINE);
    const refused = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: `country=DE&msisdn=${german.msisdn}` });
    expect(refused.statusCode).toBe(420);
    expect(refused.json()).toEqual(status('420', LOCAL_ADDRESS_REQUIRED));
    const italian = await firstAvailable('IT', LineType.LANDLINE);
    expect((await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: `country=IT&msisdn=${italian.msisdn}` })).json()['error-code-label']).toBe(LOCAL_ADDRESS_REQUIRED);
    for (const country of ['GB', 'US', 'FR']) {
      const number = await firstAvailable(country, LineType.LANDLINE);
      const bought = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: `country=${country}&msisdn=${number.msisdn}` });
      expect(bought.json(), country).toEqual(status('200', 'success'));
    }
    const saved = await company.browser.request({ method: 'PUT', url: '/api/company', payload: { company_name: 'Berlin GmbH', address_line: 'Unter den Linden 1', city: 'Berlin', postcode: '10117', country: 'DE', vat_number: '' } });
    expect(saved.statusCode).toBe(200);
    const bought = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: `country=DE&msisdn=${german.msisdn}` });
    expect(bought.json()).toEqual(status('200', 'success'));
    expect((await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth, payload: `country=IT&msisdn=${italian.msisdn}` })).statusCode).toBe(420);
  });

  it('buys into and cancels from a subaccount with target_api_key; a shared-balance subaccount is charged to its primary', async () => {
    const created = await t.app.inject({ method: 'POST', url: `/accounts/${family.apiKey}/subaccounts`, headers: { authorization: basic(family.apiKey, family.apiSecret) }, payload: { name: 'Shared' } });
    const sub = created.json() as { api_key: string; secret: string };
    const number = await firstAvailable('US', LineType.MOBILE_LVN);
    const primaryBefore = await balanceOf(family.apiKey);
    expect(await numbers.buyNumber({ country: 'US', msisdn: number.msisdn!, targetApiKey: sub.api_key })).toEqual({ errorCode: '200', errorCodeLabel: 'success' });
    expect(primaryBefore - (await balanceOf(family.apiKey))).toBe(980_000);
    const subNumbers = new Numbers({ apiKey: sub.api_key, apiSecret: sub.secret }, { restHost: origin });
    expect((await subNumbers.getOwnedNumbers()).numbers!.map((n) => n.msisdn)).toEqual([number.msisdn]);
    expect((await numbers.getOwnedNumbers({ pattern: number.msisdn!, searchPattern: SearchPattern.START_WITH })).count).toBe(0);

    // The subaccount cannot act on its primary, nor may another family name it.
    const subAuth = { authorization: basic(sub.api_key, sub.secret), ...form };
    const upward = await t.app.inject({ method: 'POST', url: '/number/buy', headers: subAuth, payload: `country=US&msisdn=${(await firstAvailable('US', LineType.LANDLINE)).msisdn}&target_api_key=${family.apiKey}` });
    expect(upward.statusCode).toBe(404);
    const stranger = await signUpVerified(t.app, t.ctx);
    const foreign = await t.app.inject({ method: 'POST', url: '/number/cancel', headers: { authorization: basic(stranger.apiKey, stranger.apiSecret), ...form }, payload: `country=US&msisdn=${number.msisdn}&target_api_key=${sub.api_key}` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()['error-code']).toBe('404');

    expect(await numbers.cancelNumber({ country: 'US', msisdn: number.msisdn!, targetApiKey: sub.api_key })).toEqual({ errorCode: '200', errorCodeLabel: 'success' });
    expect((await subNumbers.getOwnedNumbers()).count).toBe(0);
  });

  it('configures a number: app_id, a probed moHttpUrl, voice callbacks together and checked per type', async () => {
    const number = await firstAvailable('GB', LineType.MOBILE_LVN);
    await numbers.buyNumber({ country: 'GB', msisdn: number.msisdn! });
    const appId = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
    expect(
      await numbers.updateNumber({ country: 'GB', msisdn: number.msisdn!, appId, moHttpUrl: `${webhookOrigin}/ok/inbound`, voiceCallbackType: VoiceCallbackTypeEnum.Tel, voiceCallbackValue: '+447700900001' }),
    ).toEqual({ errorCode: '200', errorCodeLabel: 'success' });
    const withApp = await numbers.getOwnedNumbers({ hasApplication: true });
    expect(withApp.numbers).toEqual([
      expect.objectContaining({ msisdn: number.msisdn, app_id: appId, messagesCallbackType: 'app', messagesCallbackValue: appId, moHttpUrl: `${webhookOrigin}/ok/inbound`, voiceCallbackType: 'tel', voiceCallbackValue: '+447700900001' }),
    ]);
    expect((await numbers.getOwnedNumbers({ applicationId: appId })).count).toBe(1);
    expect((await numbers.getOwnedNumbers({ hasApplication: false })).numbers!.map((n) => n.msisdn)).not.toContain(number.msisdn);

    const auth = { authorization: basic(family.apiKey, family.apiSecret), ...form };
    const post = (payload: string) => t.app.inject({ method: 'POST', url: '/number/update', headers: auth, payload: `country=GB&msisdn=${number.msisdn}&${payload}` });
    const alone = await post('voiceCallbackType=sip');
    expect(alone.statusCode).toBe(400);
    expect(alone.json()['error-code-label']).toMatch(/must be used together/);
    expect((await post('voiceCallbackType=sip&voiceCallbackValue=not-a-uri')).json().invalid_parameters).toEqual([{ name: 'voiceCallbackValue', reason: expect.stringMatching(/SIP URI/) }]);
    expect((await post('voiceCallbackType=sip&voiceCallbackValue=sip:desk@example.com')).statusCode).toBe(200);
    const unreachable = await post(`moHttpUrl=${encodeURIComponent(`${webhookOrigin}/missing`)}`);
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json().invalid_parameters).toEqual([{ name: 'moHttpUrl', reason: 'did not answer 200 OK' }]);
    expect((await post('moHttpUrl=')).statusCode).toBe(200);
    const [configured] = (await numbers.getOwnedNumbers({ applicationId: appId })).numbers!;
    expect(configured.moHttpUrl).toBeUndefined();
    expect(configured).toMatchObject({ voiceCallbackType: 'sip', voiceCallbackValue: 'sip:desk@example.com' });
    const notOwned = await t.app.inject({ method: 'POST', url: '/number/update', headers: auth, payload: `country=GB&msisdn=${(await firstAvailable('GB', LineType.MOBILE_LVN)).msisdn}&app_id=${appId}` });
    expect(notOwned.statusCode).toBe(420);
  });

  it('cancels a rented number at once, held off the market; cancelling one not rented is 420 method failed', async () => {
    const number = await firstAvailable('NL', LineType.MOBILE_LVN);
    await numbers.buyNumber({ country: 'NL', msisdn: number.msisdn! });
    expect(await numbers.cancelNumber({ country: 'NL', msisdn: number.msisdn! })).toEqual({ errorCode: '200', errorCodeLabel: 'success' });
    expect((await numbers.getOwnedNumbers({ country: 'NL' })).count).toBe(0);
    const response = await t.app.inject({ method: 'POST', url: '/number/cancel', headers: { authorization: basic(family.apiKey, family.apiSecret), ...form }, payload: `country=NL&msisdn=${number.msisdn}` });
    expect(response.statusCode).toBe(420);
    expect(response.json()).toEqual(status('420', 'method failed'));
    // Held for the console's undo, then quarantined for 30 days (console-routes.db.test.ts moves the clock past both).
    expect((await numbers.getAvailableNumbers({ country: 'NL', pattern: number.msisdn!, searchPattern: SearchPattern.START_WITH })).count).toBe(0);
  });

  it('pages the owned numbers with index/size and a country filter', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    await topUpByOperator(t.ctx, owner.apiKey, 50_000_000, 'paging-test');
    const ownerNumbers = new Numbers({ apiKey: owner.apiKey, apiSecret: owner.apiSecret }, { restHost: origin });
    const wanted = (await ownerNumbers.getAvailableNumbers({ country: 'IE', type: LineType.LANDLINE, size: 5 })).numbers!;
    for (const n of wanted) await ownerNumbers.buyNumber({ country: 'IE', msisdn: n.msisdn! });
    const page1 = await ownerNumbers.getOwnedNumbers({ size: 2, index: 1 });
    const page3 = await ownerNumbers.getOwnedNumbers({ size: 2, index: 3 });
    expect([page1.count, page1.numbers!.length, page3.numbers!.length]).toEqual([5, 2, 1]);
    expect((await ownerNumbers.getOwnedNumbers({ country: 'GB' })).count).toBe(0);
  });

  it('accepts the three credential styles and answers 401 in the legacy body', async () => {
    const { apiKey, apiSecret } = family;
    const responses = await Promise.all([
      t.app.inject({ url: '/account/numbers', headers: { authorization: basic(apiKey, apiSecret) } }),
      t.app.inject({ url: `/account/numbers?api_key=${apiKey}&api_secret=${apiSecret}` }),
      t.app.inject({ method: 'POST', url: '/number/cancel', headers: form, payload: `api_key=${apiKey}&api_secret=${apiSecret}&country=GB&msisdn=447000000000` }),
      t.app.inject({ method: 'POST', url: '/number/cancel', payload: { api_key: apiKey, api_secret: apiSecret, country: 'GB', msisdn: '447000000000' } }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 420, 420]);
    expect(responses[0].headers['content-type']).toMatch(/^application\/json/);
    const wrong = await t.app.inject({ url: '/number/search?country=GB', headers: { authorization: basic(apiKey, 'Wrong1234') } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(status('401', 'authentication failed'));
    await expect(new Numbers({ apiKey, apiSecret: 'Wrong1234' }, { restHost: origin }).buyNumber({ country: 'GB', msisdn: '447000000000' })).rejects.toThrow(/401/);
  });

  it('lets exactly one of many concurrent buyers of one number own it, and charges only that one', async () => {
    const buyers = await Promise.all(Array.from({ length: 6 }, () => signUpVerified(t.app, t.ctx)));
    for (const b of buyers) await topUpByOperator(t.ctx, b.apiKey, 10_000_000, `race-${b.apiKey}`);
    const number = await firstAvailable('ES', LineType.MOBILE_LVN);
    const before = await Promise.all(buyers.map((b) => balanceOf(b.apiKey)));
    const responses = await Promise.all(
      buyers.map((b) => t.app.inject({ method: 'POST', url: '/number/buy', headers: { authorization: basic(b.apiKey, b.apiSecret), ...form }, payload: `country=ES&msisdn=${number.msisdn}` })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 420, 420, 420, 420, 420]);
    const winner = responses.findIndex((r) => r.statusCode === 200);
    const owners = await t.ctx.db.selectFrom('number_rentals').select('api_key').where('msisdn', '=', number.msisdn!).where('ended_at', 'is', null).execute();
    expect(owners).toEqual([{ api_key: buyers[winner].apiKey }]);
    const after = await Promise.all(buyers.map((b) => balanceOf(b.apiKey)));
    expect(after.map((balance, i) => before[i] - balance)).toEqual(buyers.map((_, i) => (i === winner ? 3_500_000 : 0)));
  });
});
