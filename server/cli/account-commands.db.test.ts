import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../testing/identity-fixtures.js';
import { runAdmin } from '../testing/run-admin.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

describe('operator CLI: credit limits, bank transfers, ledger check', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('grants a postpaid credit limit and prints the new state', async () => {
    const { apiKey } = await signUpVerified(t.app, t.ctx);
    const result = await runAdmin(t.url, ['set-credit-limit', '--account', apiKey, '--limit', '-100']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ api_key: apiKey, balance: 2, credit_limit: -100, demo: true });
    const positive = await runAdmin(t.url, ['set-credit-limit', '--account', apiKey, '--limit', '5']);
    expect(positive.code).toBe(2);
    expect(positive.stderr).toMatch(/zero or negative/);
  });

  it('credits a bank transfer once per reference, as a ledger entry, and ends DEMO mode', async () => {
    const { apiKey, browser } = await signUpVerified(t.app, t.ctx);
    const first = await runAdmin(t.url, ['topup', '--account', apiKey, '--amount', '50.25', '--reference', 'BT-2026-001']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ api_key: apiKey, balance: 52.25, credit_limit: 0, demo: false, applied: true });
    const again = await runAdmin(t.url, ['topup', '--account', apiKey, '--amount', '50.25', '--reference', 'BT-2026-001']);
    expect(JSON.parse(again.stdout)).toMatchObject({ balance: 52.25, applied: false });
    expect((await browser.get('/api/account')).json()).toMatchObject({ balance: 52.25, demo: false });
    const entries = await t.ctx.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('api_key', '=', apiKey).orderBy('created_at').execute();
    expect(entries).toEqual([
      { kind: 'test_credit', amount_micros: 2_000_000 },
      { kind: 'top_up', amount_micros: 50_250_000 },
    ]);
  });

  it('refuses amounts finer than a micro-euro and unknown accounts', async () => {
    const { apiKey } = await signUpVerified(t.app, t.ctx);
    const fine = await runAdmin(t.url, ['topup', '--account', apiKey, '--amount', '0.0000001']);
    expect(fine.code).toBe(2);
    const unknown = await runAdmin(t.url, ['topup', '--account', 'ffffffff', '--amount', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No account/);
  });

  it('raises the maximum number of subaccounts of one primary', async () => {
    const { apiKey, browser } = await signUpVerified(t.app, t.ctx);
    expect(JSON.parse((await runAdmin(t.url, ['set-max-subaccounts', '--account', apiKey, '--max', '1'])).stdout)).toEqual({ api_key: apiKey, max_subaccounts: 1, subaccounts: 0 });
    expect((await browser.post(`/accounts/${apiKey}/subaccounts`, { name: 'One' })).statusCode).toBe(200);
    expect((await browser.post(`/accounts/${apiKey}/subaccounts`, { name: 'Two' })).statusCode).toBe(403);
    await runAdmin(t.url, ['set-max-subaccounts', '--account', apiKey, '--max', '2']);
    expect((await browser.post(`/accounts/${apiKey}/subaccounts`, { name: 'Two' })).statusCode).toBe(200);
    expect((await runAdmin(t.url, ['set-max-subaccounts', '--account', 'ffffffff', '--max', '2'])).code).toBe(2);
  });

  it('verify-ledger passes on a consistent ledger and fails when a balance was changed behind its back', async () => {
    const { apiKey } = await signUpVerified(t.app, t.ctx);
    const ok = await runAdmin(t.url, ['verify-ledger']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, mismatches: [] });

    await t.ctx.db.updateTable('accounts').set({ balance_micros: 9_000_000 }).where('api_key', '=', apiKey).execute();
    const broken = await runAdmin(t.url, ['verify-ledger']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, mismatches: [{ api_key: apiKey, balance_micros: 9_000_000, ledger_micros: 2_000_000 }] });
    await t.ctx.db.updateTable('accounts').set({ balance_micros: 2_000_000 }).where('api_key', '=', apiKey).execute();
  });
});
