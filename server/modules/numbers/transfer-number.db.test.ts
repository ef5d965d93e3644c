import { LineType, Numbers } from '@vonage/numbers';
import { SubAccounts } from '@vonage/subaccounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topUpByOperator } from '../account/operator.js';
import { verifyLedger } from '../../platform/ledger/verify-ledger.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

type Family = Awaited<ReturnType<typeof signUpVerified>>;

describe('POST /accounts/{api_key}/transfer-number through @vonage/subaccounts', () => {
  let t: TestApp;
  let origin: string;
  let family: Family;
  let subA: string;
  let subB: string;
  let msisdn: string;

  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
    family = await signUpVerified(t.app, t.ctx);
    await topUpByOperator(t.ctx, family.apiKey, 20_000_000, 'transfer-number-test');
    const auth = { authorization: basic(family.apiKey, family.apiSecret) };
    const create = async (name: string) => (await t.app.inject({ method: 'POST', url: `/accounts/${family.apiKey}/subaccounts`, headers: auth, payload: { name } })).json().api_key as string;
    subA = await create('A');
    subB = await create('B');
    const numbers = new Numbers({ apiKey: family.apiKey, apiSecret: family.apiSecret }, { restHost: origin });
    msisdn = (await numbers.getAvailableNumbers({ country: 'GB', type: LineType.MOBILE_LVN, size: 1 })).numbers![0].msisdn!;
    await numbers.buyNumber({ country: 'GB', msisdn });
  });
  afterAll(async () => {
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
    await t.close();
  });

  const post = (body: Record<string, string>, as: Family = family) =>
    t.app.inject({ method: 'POST', url: `/accounts/${as.apiKey}/transfer-number`, headers: { authorization: basic(as.apiKey, as.apiSecret) }, payload: body });
  const ownerOf = async (number: string) => (await t.ctx.db.selectFrom('numbers').select('owner_api_key').where('msisdn', '=', number).executeTakeFirstOrThrow()).owner_api_key;

  it('moves a number to a subaccount and back, keeping its renewal day', async () => {
    const subaccounts = new SubAccounts({ apiKey: family.apiKey, apiSecret: family.apiSecret }, { apiHost: origin });
    const moved = await subaccounts.transferNumber({ from: family.apiKey, to: subA, number: msisdn, country: 'GB' });
    expect(moved).toEqual({ number: msisdn, country: 'GB', from: family.apiKey, to: subA, masterAccountId: family.apiKey });
    expect(await ownerOf(msisdn)).toBe(subA);
    t.clock.advance(3 * 86_400_000);
    await subaccounts.transferNumber({ from: subA, to: family.apiKey, number: msisdn, country: 'GB' });
    expect(await ownerOf(msisdn)).toBe(family.apiKey);
    const rentals = await t.ctx.db.selectFrom('number_rentals').select(['api_key', 'started_on', 'ended_at']).where('msisdn', '=', msisdn).orderBy('created_at').execute();
    expect(rentals.map((r) => r.api_key)).toEqual([family.apiKey, subA, family.apiKey]);
    expect(new Set(rentals.map((r) => r.started_on)).size).toBe(1);
    expect(rentals.filter((r) => r.ended_at === null)).toHaveLength(1);
    const activity = await t.ctx.db.selectFrom('activity_entries').select('kind').where('primary_api_key', '=', family.apiKey).where('kind', '=', 'number.transferred').execute();
    expect(activity).toHaveLength(2);
  });

  it('answers each rule with the spec error: 422 same account, 409 already owned, 403 not owned or between subaccounts, 404 unknown', async () => {
    const same = await post({ from: family.apiKey, to: family.apiKey, number: msisdn, country: 'GB' });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ title: 'Bad Request', invalid_parameters: [{ name: 'from', reason: 'Invalid accounts. From and To accounts should be different' }] });
    const owned = await post({ from: subA, to: family.apiKey, number: msisdn, country: 'GB' });
    expect([owned.statusCode, owned.json().title]).toEqual([409, 'Transfer Conflict']);
    const notOwned = await post({ from: subA, to: subB, number: msisdn, country: 'GB' });
    expect([notOwned.statusCode, notOwned.json().detail]).toEqual([403, expect.stringMatching(/relationship between these two accounts/)]);
    await post({ from: family.apiKey, to: subB, number: msisdn, country: 'GB' });
    const wrongFrom = await post({ from: subA, to: family.apiKey, number: msisdn, country: 'GB' });
    expect([wrongFrom.statusCode, wrongFrom.json().detail]).toEqual([403, expect.stringMatching(/not owned by from account/)]);
    const unknown = await post({ from: family.apiKey, to: subA, number: '447000000000', country: 'GB' });
    expect([unknown.statusCode, unknown.json().title, unknown.headers['content-type']]).toEqual([404, 'Invalid Number Transfer', expect.stringMatching(/^application\/problem\+json/)]);
    expect(await ownerOf(msisdn)).toBe(subB);
  });

  it('refuses a suspended side, and an account of another family as a relationship that does not allow it', async () => {
    const auth = { authorization: basic(family.apiKey, family.apiSecret) };
    await t.app.inject({ method: 'PATCH', url: `/accounts/${family.apiKey}/subaccounts/${subB}`, headers: auth, payload: { suspended: true } });
    const banned = await post({ from: subB, to: family.apiKey, number: msisdn, country: 'GB' });
    expect([banned.statusCode, banned.json().detail]).toEqual([403, 'One of the accounts involved in the transfer is banned']);
    await t.app.inject({ method: 'PATCH', url: `/accounts/${family.apiKey}/subaccounts/${subB}`, headers: auth, payload: { suspended: false } });
    const stranger = await signUpVerified(t.app, t.ctx);
    const foreign = await post({ from: subB, to: stranger.apiKey, number: msisdn, country: 'GB' });
    expect([foreign.statusCode, foreign.json().title]).toEqual([403, 'Invalid Number Transfer']);
    const theirs = await post({ from: subB, to: stranger.apiKey, number: msisdn, country: 'GB' }, stranger);
    expect(theirs.statusCode).toBe(403);
    expect(await ownerOf(msisdn)).toBe(subB);
  });
});
