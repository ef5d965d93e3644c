import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { runAdmin } from '../../testing/run-admin.js';
import { spend } from '../../testing/spend.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { addedCardId, topUp } from './billing-test-helpers.js';

describe('billing: bank transfers, refunds by the operator, and zero balance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const family = () => signUpVerified(t.app, t.ctx);
  const balance = async (apiKey: string) =>
    (await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', apiKey).executeTakeFirstOrThrow()).balance_micros;
  const admin = (args: string[]) => runAdmin(t.url, args);
  /** The CLI's exit code; an unexpected one fails with what the CLI printed on stderr. */
  const exitCode = async (args: string[]) => {
    const result = await admin(args);
    return result.code === 2 ? 2 : `${result.code}: ${result.stderr}`;
  };

  it('a bank transfer waits with its reference until the operator settles it: once, and only for its amount', async () => {
    const owner = await family();
    const requestTransfer = () =>
      owner.browser.request({ method: 'POST', url: '/api/billing/bank-transfers', payload: { amount: 150 }, headers: { 'idempotency-key': 'bank-1' } });
    const requested = await requestTransfer();
    expect(requested.statusCode).toBe(201);
    const payment = requested.json();
    expect(payment).toMatchObject({ method_type: 'bank_transfer', status: 'pending', amount: 150 });
    expect(payment.reference).toMatch(/^SB-[A-Z2-9]{10}$/);
    expect(payment.bank_instructions).toMatchObject({ reference: payment.reference, amount: 150, iban: expect.any(String), beneficiary: 'Switchboard Ltd' });
    expect((await requestTransfer()).json().id).toBe(payment.id);
    expect(await balance(owner.apiKey)).toBe(2_000_000);

    const mismatch = await admin(['settle-bank-transfer', '--reference', payment.reference, '--amount', '149.99']);
    expect(mismatch.code, mismatch.stderr).toBe(2);
    expect(mismatch.stderr).toMatch(/is for 150 EUR, not 149.99 EUR/);
    expect(await balance(owner.apiKey)).toBe(2_000_000);

    const settled = await admin(['settle-bank-transfer', '--reference', payment.reference.toLowerCase(), '--amount', '150']);
    expect(settled.code, settled.stderr).toBe(0);
    expect(JSON.parse(settled.stdout)).toMatchObject({ payment: payment.id, status: 'settled', applied: true });
    const again = await admin(['settle-bank-transfer', '--reference', payment.reference, '--amount', '150']);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: false });
    expect(await balance(owner.apiKey)).toBe(152_000_000);
    expect((await owner.browser.get('/api/account')).json().demo).toBe(false);
    const [listed] = (await owner.browser.get('/api/billing/payments')).json().payments;
    expect(listed).toMatchObject({ status: 'settled', bank_instructions: null });
    expect(await exitCode(['settle-bank-transfer', '--reference', 'SB-NOSUCHREF', '--amount', '150'])).toBe(2);
  });

  it('refunds part then the rest of a payment, never below the credit limit unless forced', async () => {
    const owner = await family();
    const card = await addedCardId(owner.browser, '4242424242424242');
    const paid = (await topUp(owner.browser, card, 50, 'refund-me')).json().payment;
    expect(await balance(owner.apiKey)).toBe(52_000_000);

    const partial = await admin(['refund', '--payment', paid.id, '--amount', '20']);
    expect(JSON.parse(partial.stdout)).toMatchObject({ status: 'settled', refunded: 20 });
    expect(await balance(owner.apiKey)).toBe(32_000_000);
    expect(await exitCode(['refund', '--payment', paid.id, '--amount', '31'])).toBe(2);

    expect(await spend(t.ctx, owner.apiKey, 20)).toBe(true);
    const refused = await admin(['refund', '--payment', paid.id]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/below the credit limit/);
    expect(await balance(owner.apiKey)).toBe(12_000_000);

    const forced = await admin(['refund', '--payment', paid.id, '--force']);
    expect(JSON.parse(forced.stdout)).toMatchObject({ status: 'refunded', refunded: 50 });
    expect(await balance(owner.apiKey)).toBe(-18_000_000);
    const charge = await t.ctx.db.selectFrom('sandbox_charges').select('refunded_micros').where('idempotency_key', '=', paid.id).executeTakeFirstOrThrow();
    expect(charge.refunded_micros).toBe(50_000_000);
    const [listed] = (await owner.browser.get('/api/billing/payments')).json().payments;
    expect(listed).toMatchObject({ status: 'refunded', refunded: 50 });
    expect(await exitCode(['refund', '--payment', paid.id])).toBe(2);
  });

  it('an account that can no longer spend is refused paid requests with SMS status 9, and its summary says so', async () => {
    const owner = await family();
    const card = await addedCardId(owner.browser, '5555555555554444');
    await topUp(owner.browser, card, 10, 'leave-demo');
    expect(await spend(t.ctx, owner.apiKey, 12)).toBe(true);
    const summary = (await owner.browser.get('/api/account')).json();
    expect(summary).toMatchObject({ balance: 0, available: 0 });
    const sent = await t.app.inject({
      method: 'POST',
      url: '/sms/json',
      headers: { authorization: basic(owner.apiKey, owner.apiSecret) },
      payload: { from: 'Acme', to: '447400900123', text: 'Hello' },
    });
    expect(sent.json().messages[0]).toMatchObject({ status: '9', 'error-text': 'Quota Exceeded - rejected' });
    await topUp(owner.browser, card, 10, 'refill');
    const after = await t.app.inject({
      method: 'POST',
      url: '/sms/json',
      headers: { authorization: basic(owner.apiKey, owner.apiSecret) },
      payload: { from: 'Acme', to: '447400900123', text: 'Hello' },
    });
    expect(after.json().messages[0].status).toBe('0');
  });
});
