import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { basic } from '../../testing/basic-auth.js';

describe('subaccount credentials, suspension and idempotent transfers', () => {
  let t: TestApp;
  let primary: Awaited<ReturnType<typeof signUpVerified>>;
  let auth: { authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    primary = await signUpVerified(t.app, t.ctx);
    auth = { authorization: basic(primary.apiKey, primary.apiSecret) };
  });
  afterAll(() => t.close());

  const createSub = async (body: object) =>
    (await t.app.inject({ method: 'POST', url: `/accounts/${primary.apiKey}/subaccounts`, headers: auth, payload: body })).json() as { api_key: string; secret: string };

  it('a subaccount key manages only itself; the primary key reaches its subaccounts\' secrets', async () => {
    const sub = await createSub({ name: 'Scoped', use_primary_account_balance: false });
    const subAuth = { authorization: basic(sub.api_key, sub.secret) };
    expect((await t.app.inject({ url: `/accounts/${sub.api_key}/secrets`, headers: subAuth })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/accounts/${primary.apiKey}/secrets`, headers: subAuth })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/account/get-balance', headers: subAuth })).json()).toEqual({ value: 0, autoReload: false });

    const added = await t.app.inject({ method: 'POST', url: `/accounts/${sub.api_key}/secrets`, headers: auth, payload: { secret: 'FromPrimary1' } });
    expect(added.statusCode).toBe(201);
    expect((await t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(sub.api_key, 'FromPrimary1') } })).statusCode).toBe(200);
  });

  it('a shared-balance subaccount reads the primary\'s balance', async () => {
    const sub = await createSub({ name: 'Shared' });
    const balance = await t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(sub.api_key, sub.secret) } });
    expect(balance.json().value).toBe(2);
  });

  it('a suspended subaccount is refused by every public endpoint, and works again after reactivation', async () => {
    const sub = await createSub({ name: 'Suspend me', use_primary_account_balance: false, secret: 'SuspendMe123' });
    const subAuth = { authorization: basic(sub.api_key, 'SuspendMe123') };
    await t.app.inject({ method: 'POST', url: `/accounts/${primary.apiKey}/balance-transfers`, headers: auth, payload: { from: primary.apiKey, to: sub.api_key, amount: 1.5 } });
    const suspend = await t.app.inject({ method: 'PATCH', url: `/accounts/${primary.apiKey}/subaccounts/${sub.api_key}`, headers: auth, payload: { suspended: true } });
    expect(suspend.json()).toMatchObject({ suspended: true, balance: 1.5 });

    const refused = await Promise.all([
      t.app.inject({ url: '/account/get-balance', headers: subAuth }),
      t.app.inject({ url: `/accounts/${sub.api_key}/secrets`, headers: subAuth }),
      t.app.inject({ method: 'POST', url: '/account/settings', headers: subAuth, payload: {} }),
      t.app.inject({ url: `/account/get-balance?api_key=${sub.api_key}&api_secret=SuspendMe123` }),
    ]);
    expect(refused.map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);

    await t.app.inject({ method: 'PATCH', url: `/accounts/${primary.apiKey}/subaccounts/${sub.api_key}`, headers: auth, payload: { suspended: false } });
    expect((await t.app.inject({ url: '/account/get-balance', headers: subAuth })).json()).toEqual({ value: 1.5, autoReload: false });
  });

  it('renames, and refuses a name over 80 characters on modify too', async () => {
    const sub = await createSub({ name: 'Old name' });
    const renamed = await t.app.inject({ method: 'PATCH', url: `/accounts/${primary.apiKey}/subaccounts/${sub.api_key}`, headers: auth, payload: { name: 'New name' } });
    expect(renamed.json().name).toBe('New name');
    const tooLong = await t.app.inject({ method: 'PATCH', url: `/accounts/${primary.apiKey}/subaccounts/${sub.api_key}`, headers: auth, payload: { name: 'n'.repeat(81) } });
    expect(tooLong.statusCode).toBe(422);
  });

  it('applies a transfer once per Idempotency-Key, replays the response, and refuses the key for another body', async () => {
    const sub = await createSub({ name: 'Idempotent', use_primary_account_balance: false });
    const send = (amount: number, key: string) =>
      t.app.inject({
        method: 'POST',
        url: `/accounts/${primary.apiKey}/balance-transfers`,
        headers: { ...auth, 'idempotency-key': key },
        payload: { from: primary.apiKey, to: sub.api_key, amount, reference: 'once' },
      });
    const first = await send(0.25, 'transfer-001');
    const retries = await Promise.all([send(0.25, 'transfer-001'), send(0.25, 'transfer-001'), send(0.25, 'transfer-001')]);
    expect(first.statusCode).toBe(200);
    for (const retry of retries) {
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual(first.json());
      expect(retry.headers['idempotent-replayed']).toBe('true');
    }
    const reused = await send(0.5, 'transfer-001');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().invalid_parameters[0].name).toBe('Idempotency-Key');

    const subaccount = await t.app.inject({ url: `/accounts/${primary.apiKey}/subaccounts/${sub.api_key}`, headers: auth });
    expect(subaccount.json().balance).toBe(0.25);
  });

  it('applies concurrent first attempts with one key exactly once', async () => {
    const sub = await createSub({ name: 'Race', use_primary_account_balance: false });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.app.inject({
          method: 'POST',
          url: `/accounts/${primary.apiKey}/balance-transfers`,
          headers: { ...auth, 'idempotency-key': 'race-key' },
          payload: { from: primary.apiKey, to: sub.api_key, amount: 0.1 },
        }),
      ),
    );
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect((await t.app.inject({ url: `/accounts/${primary.apiKey}/subaccounts/${sub.api_key}`, headers: auth })).json().balance).toBe(0.1);
  });

  it('lets the console manage subaccounts with its session (and CSRF header)', async () => {
    const created = await primary.browser.post(`/accounts/${primary.apiKey}/subaccounts`, { name: 'From the console' });
    expect(created.statusCode).toBe(200);
    const withoutCsrf = await primary.browser.post(`/accounts/${primary.apiKey}/subaccounts`, { name: 'Forged' }, { csrf: false });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('accounts').select('api_key').where('primary_api_key', '=', primary.apiKey).where('name', '=', 'Forged').execute()).toEqual([]);
  });
});
