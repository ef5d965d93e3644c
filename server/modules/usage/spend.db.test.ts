import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsToEuros } from '../../../contract/money.js';
import type { Spend } from '../../../contract/usage.js';
import { inTransaction } from '../../db/database.js';
import { DAY } from '../../platform/clock.js';
import { kindsOfFlow, postLedgerEntry } from '../../platform/ledger/ledger.js';
import { basic } from '../../testing/basic-auth.js';
import { signInOwner, signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.js';

describe('spend at a glance', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signUpVerified>>;
  let console_: Browser;
  let shared: { api_key: string; secret: string };
  let own: { api_key: string; secret: string };
  let destination = 0;

  const subaccount = async (name: string, sharesBalance: boolean) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/accounts/${owner.apiKey}/subaccounts`,
      headers: { authorization: basic(owner.apiKey, owner.apiSecret) },
      payload: { name, use_primary_account_balance: sharesBalance },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { api_key: string; secret: string };
  };
  const sendSms = async (apiKey: string, secret: string, to = `4474009${String(50_000 + (destination += 1)).padStart(5, '0')}`) => {
    const response = await t.app.inject({ method: 'POST', url: '/sms/json', payload: { api_key: apiKey, api_secret: secret, from: 'Acme', to, text: 'Your code is 1234' } });
    expect((response.json() as { messages: { status: string }[] }).messages[0].status, response.body).toBe('0');
  };
  const spendOf = async (browser: Browser, query = '') => {
    const response = await browser.get(`/api/usage/spend${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Spend;
  };
  const sum = (values: number[]) => microsToEuros(values.reduce((total, value) => total + Math.round(value * 1_000_000), 0));

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpVerified(t.app, t.ctx);
    await t.ctx.db.updateTable('accounts').set({ demo: 0 }).where('api_key', '=', owner.apiKey).execute();
    console_ = await signInOwner(t.app, owner.apiKey);
    shared = await subaccount('Shared customer', true);
    own = await subaccount('Own-balance customer', false);
    await inTransaction(t.ctx.database, async (tx) => {
      await postLedgerEntry(tx, t.clock, { apiKey: owner.apiKey, primaryApiKey: owner.apiKey, kind: 'adjustment', amountMicros: 20_000_000, actor: 'operator' });
      await postLedgerEntry(tx, t.clock, { apiKey: own.api_key, primaryApiKey: owner.apiKey, kind: 'adjustment', amountMicros: 5_000_000, actor: 'operator' });
    });

    // 40 days ago: outside the window.
    t.clock.advance(-40 * DAY);
    await sendSms(owner.apiKey, owner.apiSecret);
    t.clock.advance(38 * DAY);
    await sendSms(owner.apiKey, owner.apiSecret);
    await sendSms(shared.api_key, shared.secret);
    await inTransaction(t.ctx.database, (tx) =>
      postLedgerEntry(tx, t.clock, { apiKey: own.api_key, primaryApiKey: owner.apiKey, kind: 'number_rental', amountMicros: -900_000, reference: 'number:447700900555', actor: 'system:number-renewals' }),
    );
    t.clock.advance(2 * DAY);
    await sendSms(shared.api_key, shared.secret);
    await sendSms(own.api_key, own.secret);
    await sendSms(own.api_key, own.secret, '33612345678');
    // The carrier reports delivery a few seconds later.
    t.clock.advance(60_000);
    await t.jobs.runDue();
  });
  afterAll(() => t.close());

  it('adds up to the spent ledger entries of the last 30 days, by day, product and the account that caused them', async () => {
    const spend = await spendOf(console_);
    expect(spend.days).toHaveLength(30);
    expect(spend.days.at(-1)?.day).toBe(t.clock.now().toISOString().slice(0, 10));

    const since = `${spend.days[0].day}T00:00:00.000Z`;
    const ledger = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['kind', 'amount_micros', 'created_at'])
      .where('primary_api_key', '=', owner.apiKey)
      .where('kind', 'in', kindsOfFlow('spent'))
      .execute();
    const recent = ledger.filter((entry) => entry.created_at >= since);
    expect(recent.length).toBe(ledger.length - 1);
    const spentMicros = -recent.reduce((total, entry) => total + entry.amount_micros, 0);
    expect(spend.total).toBe(microsToEuros(spentMicros));
    expect(sum(spend.days.map((day) => day.total))).toBe(spend.total);
    expect(sum(spend.days.map((day) => day.numbers))).toBe(0.9);
    expect(sum(spend.days.map((day) => day.sms))).toBe(microsToEuros(-recent.filter((e) => e.kind === 'usage').reduce((total, e) => total + e.amount_micros, 0)));
    for (const day of spend.days) {
      expect(sum([day.sms, day.numbers])).toBe(day.total);
      expect(sum(Object.values(day.by_account))).toBe(day.total);
    }
    const today = spend.days.at(-1)!;
    const twoDaysAgo = spend.days.at(-3)!;
    expect(today.total).toBeGreaterThan(0);
    expect(twoDaysAgo.numbers).toBe(0.9);

    // The shared subaccount's messages are booked on the primary's balance but are its own spend.
    expect(spend.accounts.map((account) => account.api_key).sort()).toEqual([owner.apiKey, shared.api_key, own.api_key].sort());
    expect(spend.accounts.find((account) => account.api_key === shared.api_key)?.name).toBe('Shared customer');
    const sharedSpend = sum(spend.days.map((day) => day.by_account[shared.api_key]));
    const sharedMessages = await t.ctx.db.selectFrom('messages').select('price_micros').where('api_key', '=', shared.api_key).execute();
    expect(sharedSpend).toBe(microsToEuros(sharedMessages.reduce((total, m) => total + m.price_micros, 0)));

    expect(spend.countries.map((country) => [country.country, country.messages])).toEqual([
      ['GB', 4],
      ['FR', 1],
    ]);
    expect(spend.messages).toEqual({ finished: 5, successful: 5, success_rate: 1 });
  });

  it('shows one subaccount its own spend and messages only', async () => {
    const spend = await spendOf(console_, `?api_key=${own.api_key}`);
    const ownMessages = await t.ctx.db.selectFrom('messages').select('price_micros').where('api_key', '=', own.api_key).execute();
    expect(spend.total).toBe(microsToEuros(900_000 + ownMessages.reduce((total, m) => total + m.price_micros, 0)));
    expect(spend.accounts.map((account) => account.api_key)).toEqual([own.api_key]);
    expect(spend.messages.finished).toBe(2);
    expect(spend.countries.map((country) => country.country).sort()).toEqual(['FR', 'GB']);
  });

  it('refuses members without usage:read and limits scoped members to their subaccounts', async () => {
    const without = await addMember(t, owner.apiKey, { permissions: ['account:read'] });
    expect((await without.browser.get('/api/usage/spend')).statusCode).toBe(403);

    const scoped = await addMember(t, owner.apiKey, { permissions: ['usage:read'], subaccounts: [shared.api_key] });
    const spend = await spendOf(scoped.browser);
    expect(spend.accounts.map((account) => account.api_key)).toEqual([shared.api_key]);
    expect(spend.messages.finished).toBe(2);
    expect((await scoped.browser.get(`/api/usage/spend?api_key=${own.api_key}`)).statusCode).toBe(404);
    const stranger = await signInOwner(t.app, (await signUpVerified(t.app, t.ctx)).apiKey);
    expect((await stranger.get(`/api/usage/spend?api_key=${own.api_key}`)).statusCode).toBe(404);
    expect((await spendOf(stranger)).total).toBe(0);
  });
});
