import { sql } from 'kysely';
import { microsToEuros } from '../../../contract/money.js';
import { QUARANTINE_DAYS } from '../../../contract/numbers.js';
import { publicUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import { systemAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { payerOf } from '../../platform/accounts/accounts-repository.js';
import { DAY } from '../../platform/clock.js';
import { queueEmailsInTransaction } from '../../platform/delivery/outbox.js';
import { debitWithinLimit } from '../../platform/ledger/ledger.js';
import { readBalanceAlert } from '../balance-alerts/settings.js';
import { releasedConfiguration } from './numbers.js';
import { dayOf, renewalDay, type CalendarDay } from './renewal-date.js';

export const RENEWALS_AUTHOR = systemAuthor('number-renewals');
const ACTOR = `${RENEWALS_AUTHOR.kind}:${RENEWALS_AUTHOR.id}`;
/** How many days before a renewal its payer is warned that the available credit will not cover it. */
export const WARNING_DAYS = 3;

interface OpenRental {
  id: string;
  msisdn: string;
  api_key: string;
  primary_api_key: string;
  started_on: string;
  monthly_cost_micros: number;
  payer_api_key: string;
  /** The last period renewed (charged or released), null before the first renewal. */
  last_period: number | null;
}

/** The last period renewed of the rental aliased `r` (charged or released), null before the first renewal. */
export const lastRenewedPeriod = sql<number | null>`(select max(w.period) from number_renewals w where w.msisdn = r.msisdn and w.started_on = r.started_on)`;

/** Every open rental, with the account that pays for it and the last period it was renewed for. */
function openRentals(ctx: AppContext): Promise<OpenRental[]> {
  return ctx.db
    .selectFrom('number_rentals as r')
    .innerJoin('accounts as a', 'a.api_key', 'r.api_key')
    .select(['r.id', 'r.msisdn', 'r.api_key', 'r.primary_api_key', 'r.started_on', 'r.monthly_cost_micros'])
    .select(sql<string>`case when a.use_primary_account_balance = 1 then a.primary_api_key else a.api_key end`.as('payer_api_key'))
    .select(lastRenewedPeriod.as('last_period'))
    .where('r.ended_at', 'is', null)
    .orderBy('r.msisdn')
    .execute() as Promise<OpenRental[]>;
}

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 6 });
const money = (micros: number) => euros.format(microsToEuros(micros));

async function billingRecipients(tx: Tx, payer: Account): Promise<string[]> {
  return (await readBalanceAlert(tx, payer)).recipients;
}

type RenewalOutcome = 'charged' | 'released' | 'skipped';

/**
 * Renews one period of a rental, in one transaction: the rental row is locked first (so a cancel, a
 * transfer or another runner waits), the period's key is claimed in `number_renewals` (a runner that
 * finds it taken does nothing), and the month is debited from the payer within its credit limit with
 * an activity entry. Without the credit the number is released instead, as a cancel releases it, and
 * the payer's billing recipients are e-mailed.
 */
async function renewPeriod(ctx: AppContext, rental: OpenRental, period: number, day: CalendarDay): Promise<RenewalOutcome> {
  return inTransaction(ctx.database, async (tx) => {
    const held = await tx.updateTable('number_rentals').set({ ended_at: null }).where('id', '=', rental.id).where('ended_at', 'is', null).returning('id').executeTakeFirst();
    if (!held) return 'skipped';
    const payer = await payerOf(tx, rental.api_key);
    if (!payer) throw new Error(`account ${rental.api_key} has no payer`);
    const now = ctx.clock.now().toISOString();
    const claimed = await tx
      .insertInto('number_renewals')
      .values({
        msisdn: rental.msisdn,
        started_on: rental.started_on,
        period,
        rental_id: rental.id,
        renewal_day: day,
        outcome: 'charged',
        payer_api_key: payer.api_key,
        amount_micros: rental.monthly_cost_micros,
        created_at: now,
      })
      .onConflict((conflict) => conflict.columns(['msisdn', 'started_on', 'period']).doNothing())
      .returning('period')
      .executeTakeFirst();
    if (!claimed) return 'skipped';
    const paid =
      rental.monthly_cost_micros === 0 ||
      (await debitWithinLimit(tx, ctx.clock, {
        apiKey: payer.api_key,
        primaryApiKey: payer.primary_api_key,
        kind: 'number_rental',
        amountMicros: -rental.monthly_cost_micros,
        reference: `number:${rental.msisdn}`,
        actor: ACTOR,
      })) !== null;
    if (paid) {
      await recordActivity(tx, ctx.clock, RENEWALS_AUTHOR, {
        kind: 'number.renewed',
        primaryApiKey: rental.primary_api_key,
        apiKey: rental.api_key,
        objectId: rental.msisdn,
        changes: [
          { field: 'msisdn', before: rental.msisdn, after: rental.msisdn },
          { field: 'renewal_day', before: null, after: day },
          { field: 'monthly_cost', before: null, after: rental.monthly_cost_micros / 1_000_000 },
        ],
      });
      return 'charged';
    }
    await release(tx, ctx, rental, period, payer, day);
    return 'released';
  });
}

async function release(tx: Tx, ctx: AppContext, rental: OpenRental, period: number, payer: Account, day: CalendarDay): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await tx.updateTable('number_renewals').set({ outcome: 'released' }).where('msisdn', '=', rental.msisdn).where('started_on', '=', rental.started_on).where('period', '=', period).execute();
  await tx.updateTable('number_rentals').set({ ended_at: now }).where('id', '=', rental.id).execute();
  // Released for good (no undo): back on sale after the quarantine.
  const availableAt = new Date(ctx.clock.now().getTime() + QUARANTINE_DAYS * DAY).toISOString();
  await tx.updateTable('numbers').set({ ...releasedConfiguration, available_at: availableAt }).where('msisdn', '=', rental.msisdn).where('rental_id', '=', rental.id).execute();
  const available = payer.balance_micros - payer.credit_limit_micros;
  await recordActivity(tx, ctx.clock, RENEWALS_AUTHOR, {
    kind: 'number.released',
    primaryApiKey: rental.primary_api_key,
    apiKey: rental.api_key,
    objectId: rental.msisdn,
    changes: [
      { field: 'msisdn', before: rental.msisdn, after: null },
      { field: 'renewal_day', before: null, after: day },
      { field: 'monthly_cost', before: null, after: rental.monthly_cost_micros / 1_000_000 },
      { field: 'available_credit', before: null, after: available / 1_000_000 },
    ],
  });
  const text = [
    `Your virtual number +${rental.msisdn} (account ${rental.api_key}) was due to renew on ${day} for ${money(rental.monthly_cost_micros)}, but the available credit of account ${payer.api_key} (balance minus credit limit) was ${money(available)}.`,
    '',
    'The number was cancelled and released; it no longer receives messages or calls. Add credit before renting numbers again:',
    new URL('/billing', publicUrl(ctx.config)).toString(),
  ].join('\n');
  const subject = `Your virtual number +${rental.msisdn} was cancelled: not enough credit`;
  await queueEmailsInTransaction(
    tx,
    ctx.clock,
    (await billingRecipients(tx, payer)).map((to) => ({ to, subject, text })),
  );
}

const addDays = (day: CalendarDay, days: number): CalendarDay => dayOf(new Date(new Date(`${day}T00:00:00.000Z`).getTime() + days * DAY));

/**
 * E-mails each payer whose available credit will not cover the renewals due in the next
 * WARNING_DAYS days, listing them; once per rental period (a payer is e-mailed again only when a
 * renewal it was not yet warned of joins the list). The warnings are claimed by their key, so two
 * runners never send the same one.
 */
async function warnPayers(ctx: AppContext, rentals: OpenRental[], today: CalendarDay): Promise<number> {
  const horizon = addDays(today, WARNING_DAYS);
  const upcoming = new Map<string, { rental: OpenRental; period: number; day: CalendarDay }[]>();
  for (const rental of rentals) {
    const period = (rental.last_period ?? 0) + 1;
    const day = renewalDay(rental.started_on, period);
    if (day <= today || day > horizon) continue;
    upcoming.set(rental.payer_api_key, [...(upcoming.get(rental.payer_api_key) ?? []), { rental, period, day }]);
  }
  let warned = 0;
  for (const [payerKey, due] of upcoming) {
    const sent = await inTransaction(ctx.database, async (tx) => {
      const payer = await tx.selectFrom('accounts').selectAll().where('api_key', '=', payerKey).executeTakeFirstOrThrow();
      const total = due.reduce((sum, each) => sum + each.rental.monthly_cost_micros, 0);
      const available = payer.balance_micros - payer.credit_limit_micros;
      if (available >= total) return false;
      const now = ctx.clock.now().toISOString();
      const fresh = await tx
        .insertInto('number_renewal_warnings')
        .values(due.map((each) => ({ msisdn: each.rental.msisdn, started_on: each.rental.started_on, period: each.period, payer_api_key: payerKey, created_at: now })))
        .onConflict((conflict) => conflict.columns(['msisdn', 'started_on', 'period']).doNothing())
        .returning('msisdn')
        .execute();
      if (fresh.length === 0) return false;
      const subject = `Your virtual numbers renew soon: add ${money(total - available)} of credit to keep them`;
      const text = [
        `These virtual numbers renew in the next ${WARNING_DAYS} days, for ${money(total)} in all, and the available credit of account ${payerKey} (balance minus credit limit) is ${money(available)}:`,
        '',
        ...due.map((each) => `+${each.rental.msisdn} (account ${each.rental.api_key}) on ${each.day}: ${money(each.rental.monthly_cost_micros)}`),
        '',
        'A number whose renewal the credit does not cover is cancelled and released on its renewal day. Add credit:',
        new URL('/billing', publicUrl(ctx.config)).toString(),
      ].join('\n');
      await queueEmailsInTransaction(
        tx,
        ctx.clock,
        (await billingRecipients(tx, payer)).map((to) => ({ to, subject, text })),
      );
      return true;
    });
    if (sent) warned += 1;
  }
  return warned;
}

export interface RenewalPass {
  charged: number;
  released: number;
  warned: number;
}

/**
 * One pass of the renewal job as of `now`: every open rental is renewed for each period whose renewal
 * day (renewal-date.ts, from the rental's start day) has come and that is not renewed yet, oldest
 * first — so a pass after downtime charges each missed month once, in order, and stops at a release.
 * Then the payers whose credit will not cover the renewals of the next days are warned.
 */
export async function runNumberRenewals(ctx: AppContext, now: Date): Promise<RenewalPass> {
  const today = dayOf(now);
  const pass: RenewalPass = { charged: 0, released: 0, warned: 0 };
  for (const rental of await openRentals(ctx)) {
    for (let period = (rental.last_period ?? 0) + 1; ; period += 1) {
      const day = renewalDay(rental.started_on, period);
      if (day > today) break;
      const outcome = await renewPeriod(ctx, rental, period, day);
      if (outcome === 'charged') pass.charged += 1;
      if (outcome === 'released') pass.released += 1;
      if (outcome !== 'charged') break;
    }
  }
  pass.warned = await warnPayers(ctx, await openRentals(ctx), today);
  return pass;
}
