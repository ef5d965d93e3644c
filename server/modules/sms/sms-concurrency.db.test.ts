import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { balanceOf, basic, createSubaccount, ledgerSum, setBalance, smsAccount, smsBody, ukMobile } from './sms-test-helpers.js';

const GB_PART = 41_000;

describe('SMS API under concurrent sends', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const send = (apiKey: string, apiSecret: string, text = 'parallel') =>
    t.app.inject({
      method: 'POST',
      url: '/sms/json',
      payload: { to: ukMobile(), from: 'AcmeInc', text },
      headers: { authorization: basic(apiKey, apiSecret) },
    });

  async function expectConsistent(payer: string, creditLimit: number) {
    const balance = await balanceOf(t, payer);
    expect(balance).toBeGreaterThanOrEqual(creditLimit);
    expect(await ledgerSum(t, payer)).toBe(balance);
    const entries = await t.ctx.db.selectFrom('ledger_entries').select('balance_after_micros').where('api_key', '=', payer).execute();
    expect(entries.every((entry) => entry.balance_after_micros >= creditLimit)).toBe(true);
  }

  it('30 parallel sends with money for exactly 7: 7 accepted, 23 refused with status 9, nothing overdrawn', async () => {
    const account = await smsAccount(t, { demo: false });
    await setBalance(t, account.apiKey, 7 * GB_PART + GB_PART - 1);
    const responses = await Promise.all(Array.from({ length: 30 }, () => send(account.apiKey, account.apiSecret)));
    const statuses = responses.map((response) => smsBody(response).messages[0].status);
    expect(statuses.filter((s) => s === '0')).toHaveLength(7);
    expect(statuses.filter((s) => s === '9')).toHaveLength(23);

    expect(await balanceOf(t, account.apiKey)).toBe(GB_PART - 1);
    await expectConsistent(account.apiKey, 0);
    const stored = await t.ctx.db.selectFrom('messages').select(['id', 'price_micros']).where('api_key', '=', account.apiKey).where('status', '=', 'submitted').execute();
    expect(stored).toHaveLength(7);
    const rejected = await t.ctx.db.selectFrom('messages').select(['error_code', 'price_micros']).where('api_key', '=', account.apiKey).where('status', '=', 'rejected').execute();
    expect(rejected).toEqual(Array.from({ length: 23 }, () => ({ error_code: '9', price_micros: 0 })));
    const usage = await t.ctx.db.selectFrom('ledger_entries').select('reference').where('api_key', '=', account.apiKey).where('kind', '=', 'usage').execute();
    expect(usage.map((entry) => entry.reference).sort()).toEqual(stored.map((message) => `sms:${message.id}`).sort());

    // Every accepted response reports a distinct balance, and together they walk down the debits.
    const balances = responses
      .map((response) => smsBody(response).messages[0])
      .filter((message) => message.status === '0')
      .map((message) => Math.round(Number(message['remaining-balance']) * 1_000_000))
      .sort((a, b) => b - a);
    expect(balances).toEqual(Array.from({ length: 7 }, (_, i) => (7 - 1 - i) * GB_PART + GB_PART - 1));
  });

  it('a postpaid primary and its shared-balance subaccounts sending at once stop exactly at the credit limit', async () => {
    const primary = await smsAccount(t, { demo: false });
    const subs = await Promise.all([1, 2].map(() => createSubaccount(t, primary.apiKey, { shared: true })));
    const creditLimit = -3 * GB_PART;
    await setBalance(t, primary.apiKey, 2 * GB_PART);
    await t.ctx.db.updateTable('accounts').set({ credit_limit_micros: creditLimit }).where('api_key', '=', primary.apiKey).execute();

    const senders = [{ apiKey: primary.apiKey, apiSecret: primary.apiSecret }, ...subs];
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => send(senders[i % 3].apiKey, senders[i % 3].apiSecret)));
    const statuses = responses.map((response) => smsBody(response).messages[0].status);
    expect(statuses.filter((s) => s === '0')).toHaveLength(5);
    expect(statuses.filter((s) => s === '9')).toHaveLength(25);
    expect(await balanceOf(t, primary.apiKey)).toBe(creditLimit);
    await expectConsistent(primary.apiKey, creditLimit);
    for (const sub of subs) expect(await balanceOf(t, sub.apiKey)).toBe(0);
  });

  it('multi-part messages are charged whole or not at all', async () => {
    const account = await smsAccount(t, { demo: false });
    await setBalance(t, account.apiKey, 5 * GB_PART); // two 2-part messages fit, a third does not
    const long = 'w'.repeat(200);
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(account.apiKey, account.apiSecret, long)));
    const bodies = responses.map(smsBody);
    expect(bodies.filter((body) => body.messages[0].status === '0').map((body) => body['message-count'])).toEqual(['2', '2']);
    expect(await balanceOf(t, account.apiKey)).toBe(GB_PART);
    await expectConsistent(account.apiKey, 0);
  });
});
