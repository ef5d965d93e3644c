import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../jobs/runner.js';
import { jobs } from '../../jobs/jobs.js';
import { verifyLedger } from '../../platform/ledger/verify-ledger.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { spend } from '../../testing/spend.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { topUpByOperator } from '../account/operator.js';
import { runNumberRenewals } from './renew.js';

/**
 * The renewal job with the clock moved over months. Every number is rented on 2026-01-15 (the test
 * clock's start), so each renews on the 15th; the file's steps follow one another in time.
 */
describe('the renewal job', () => {
  let t: TestApp;
  type Customer = Awaited<ReturnType<typeof customer>>;
  let steady: Customer;
  let family: Customer;
  let short: Customer;
  let shared: { subKey: string; msisdn: string };

  async function customer(credit: number) {
    const company = await signUpVerified(t.app, t.ctx);
    if (credit > 0) await topUpByOperator(t.ctx, company.apiKey, credit, `renewal-test-${company.apiKey}`);
    const auth = { authorization: basic(company.apiKey, company.apiSecret) };
    return { ...company, auth, email: String(company.input.email) };
  }

  let taken = 0;
  async function buy(owner: Customer, target?: string): Promise<{ msisdn: string; monthly: number }> {
    const found = (await t.app.inject({ url: `/number/search?country=GB&type=mobile-lvn&size=1&index=${++taken}`, headers: owner.auth })).json().numbers[0];
    const payload = `country=GB&msisdn=${found.msisdn}${target ? `&target_api_key=${target}` : ''}`;
    const bought = await t.app.inject({ method: 'POST', url: '/number/buy', headers: { ...owner.auth, 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(bought.statusCode, bought.body).toBe(200);
    const row = await t.ctx.db.selectFrom('numbers').select('monthly_cost_micros').where('msisdn', '=', found.msisdn).executeTakeFirstOrThrow();
    return { msisdn: found.msisdn, monthly: Number(row.monthly_cost_micros) };
  }

  const renewals = async (payer: string) =>
    (await t.ctx.db.selectFrom('ledger_entries').select(['reference', 'amount_micros']).where('api_key', '=', payer).where('kind', '=', 'number_rental').where('actor', '=', 'system:number-renewals').execute()).length;
  const ownerOf = async (msisdn: string) => (await t.ctx.db.selectFrom('numbers').select('owner_api_key').where('msisdn', '=', msisdn).executeTakeFirstOrThrow()).owner_api_key;
  const mail = (to: string, subject: string) => t.ctx.db.selectFrom('outbox').select(['subject', 'body']).where('recipient', '=', to).where('subject', 'like', `${subject}%`).execute();
  const at = async (time: string) => {
    t.clock.set(time);
    return t.jobs.runDue();
  };

  let steadyNumber: string;
  let shortNumber: { msisdn: string; monthly: number };

  beforeAll(async () => {
    // The e-mail checks look at the outbox months later: keep delivered mail longer than the test's timeline.
    t = await createTestApp({ config: { OUTBOX_RETENTION_HOURS: '10000' } });
    steady = await customer(20_000_000);
    family = await customer(20_000_000);
    short = await customer(0);
    steadyNumber = (await buy(steady)).msisdn;
    const sub = await t.app.inject({ method: 'POST', url: `/accounts/${family.apiKey}/subaccounts`, headers: family.auth, payload: { name: 'shared' } });
    expect(sub.json().use_primary_account_balance).toBe(true);
    shared = { subKey: sub.json().api_key, msisdn: (await buy(family, sub.json().api_key)).msisdn };
    shortNumber = await buy(short);
    // Spend every cent left: the short customer's next renewal finds no available credit.
    const account = await t.ctx.db.selectFrom('accounts').select(['balance_micros', 'credit_limit_micros']).where('api_key', '=', short.apiKey).executeTakeFirstOrThrow();
    expect(await spend(t.ctx, short.apiKey, (account.balance_micros - account.credit_limit_micros) / 1_000_000)).toBe(true);
  });
  afterAll(async () => {
    expect(await verifyLedger(t.ctx.db)).toMatchObject({ ok: true });
    await t.close();
  });

  it('warns 3 days before a renewal the available credit will not cover, once for the period', async () => {
    await at('2026-02-11T10:00:00.000Z');
    expect(await mail(short.email, 'Your virtual numbers renew soon')).toEqual([]);
    await at('2026-02-12T10:00:00.000Z');
    const [warning, ...more] = await mail(short.email, 'Your virtual numbers renew soon');
    expect(more).toEqual([]);
    expect(warning.body).toContain(`+${shortNumber.msisdn}`);
    expect(warning.body).toContain('on 2026-02-15');
    await at('2026-02-13T10:00:00.000Z');
    await at('2026-02-14T10:00:00.000Z');
    expect(await mail(short.email, 'Your virtual numbers renew soon')).toHaveLength(1);
    expect(await mail(steady.email, 'Your virtual numbers renew soon')).toEqual([]);
  });

  it('charges each number on its renewal day, the primary for a subaccount sharing its balance', async () => {
    await at('2026-02-14T23:00:00.000Z');
    expect(await renewals(steady.apiKey)).toBe(0);
    await at('2026-02-15T00:05:00.000Z');
    expect(await renewals(steady.apiKey)).toBe(1);
    expect(await renewals(family.apiKey)).toBe(1);
    expect(await renewals(shared.subKey)).toBe(0);
    expect(await ownerOf(shared.msisdn)).toBe(shared.subKey);
    const activity = await t.ctx.db.selectFrom('activity_entries').select(['api_key', 'actor_kind', 'actor_id']).where('kind', '=', 'number.renewed').where('object_id', '=', shared.msisdn).execute();
    expect(activity).toEqual([{ api_key: shared.subKey, actor_kind: 'system', actor_id: 'number-renewals' }]);
    await at('2026-03-15T10:00:00.000Z');
    expect([await renewals(steady.apiKey), await renewals(family.apiKey)]).toEqual([2, 2]);
  });

  it('releases a number its payer cannot renew, back to the inventory after a 30-day quarantine, and e-mails the billing recipients', async () => {
    expect(await ownerOf(shortNumber.msisdn)).toBeNull();
    expect(await renewals(short.apiKey)).toBe(0);
    const rentals = await t.ctx.db.selectFrom('number_rentals').select('ended_at').where('msisdn', '=', shortNumber.msisdn).execute();
    expect(rentals).toEqual([{ ended_at: '2026-02-15T00:05:00.000Z' }]);
    const [notice, ...more] = await mail(short.email, `Your virtual number +${shortNumber.msisdn} was cancelled: not enough credit`);
    expect(more).toEqual([]);
    expect(notice.body).toContain('2026-02-15');
    const released = await t.ctx.db.selectFrom('activity_entries').select(['actor_kind']).where('kind', '=', 'number.released').where('object_id', '=', shortNumber.msisdn).execute();
    expect(released).toEqual([{ actor_kind: 'system' }]);
    const search = async () => (await t.app.inject({ url: `/number/search?country=GB&pattern=${shortNumber.msisdn}`, headers: steady.auth })).json().count;
    expect(await search()).toBe(0);
    const now = t.clock.now();
    t.clock.set(new Date('2026-03-17T00:05:00.000Z'));
    expect(await search()).toBe(1);
    t.clock.set(now);
  });

  it('catches up after a 2-month gap: each missed month charged once, in order', async () => {
    const balanceBefore = (await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', steady.apiKey).executeTakeFirstOrThrow()).balance_micros;
    await at('2026-05-15T10:00:00.000Z');
    expect([await renewals(steady.apiKey), await renewals(family.apiKey)]).toEqual([4, 4]);
    await at('2026-05-15T11:00:00.000Z');
    expect([await renewals(steady.apiKey), await renewals(family.apiKey)]).toEqual([4, 4]);
    const periods = await t.ctx.db.selectFrom('number_renewals').select(['period', 'renewal_day', 'outcome']).where('msisdn', '=', steadyNumber).orderBy('created_at').orderBy('period').execute();
    expect(periods).toEqual([
      { period: 1, renewal_day: '2026-02-15', outcome: 'charged' },
      { period: 2, renewal_day: '2026-03-15', outcome: 'charged' },
      { period: 3, renewal_day: '2026-04-15', outcome: 'charged' },
      { period: 4, renewal_day: '2026-05-15', outcome: 'charged' },
    ]);
    const balanceAfter = (await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', steady.apiKey).executeTakeFirstOrThrow()).balance_micros;
    const monthly = (await t.ctx.db.selectFrom('number_rentals').select('monthly_cost_micros').where('msisdn', '=', steadyNumber).executeTakeFirstOrThrow()).monthly_cost_micros;
    expect(Number(balanceBefore) - Number(balanceAfter)).toBe(2 * Number(monthly));
  });

  it('charges once when two passes run at once, directly and through two job runners', async () => {
    const [first, second] = await Promise.all([runNumberRenewals(t.ctx, new Date('2026-06-15T10:00:00.000Z')), runNumberRenewals(t.ctx, new Date('2026-06-15T10:00:00.000Z'))]);
    expect(first.charged + second.charged).toBe(2);
    expect([await renewals(steady.apiKey), await renewals(family.apiKey)]).toEqual([5, 5]);
    t.clock.set('2026-07-15T10:00:00.000Z');
    const other = createJobRunner({ ctx: t.ctx, jobs, log: t.app.log });
    await Promise.all([t.jobs.runDue(), other.runDue()]);
    expect([await renewals(steady.apiKey), await renewals(family.apiKey)]).toEqual([6, 6]);
  });

  it('a transfer keeps the periods renewed: the new rental is charged from the next renewal day, not again', async () => {
    t.clock.set('2026-07-20T10:00:00.000Z');
    const moved = await t.app.inject({ method: 'POST', url: `/accounts/${family.apiKey}/transfer-number`, headers: family.auth, payload: { from: shared.subKey, to: family.apiKey, number: shared.msisdn, country: 'GB' } });
    expect(moved.statusCode, moved.body).toBe(200);
    await at('2026-07-20T11:00:00.000Z');
    expect(await renewals(family.apiKey)).toBe(6);
    await at('2026-08-15T10:00:00.000Z');
    expect(await renewals(family.apiKey)).toBe(7);
    const latest = await t.ctx.db.selectFrom('number_renewals').select(['period', 'rental_id']).where('msisdn', '=', shared.msisdn).where('period', '=', 7).executeTakeFirstOrThrow();
    const open = await t.ctx.db.selectFrom('number_rentals').select('id').where('msisdn', '=', shared.msisdn).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    expect(latest.rental_id).toBe(open.id);
  });
});
