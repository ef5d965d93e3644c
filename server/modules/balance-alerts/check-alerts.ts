import { sql } from 'kysely';
import { microsToEuros } from '../../../contract/money.js';
import { publicUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import { queueEmailsInTransaction } from '../../platform/delivery/outbox.js';

/** Accounts alerted per transaction: each batch's claims and e-mails commit together. */
const BATCH = 500;

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 6 });
const formatEuros = (micros: number) => euros.format(microsToEuros(micros));

interface Crossing {
  api_key: string;
  primary_api_key: string;
  name: string;
  balance_micros: number;
  threshold_micros: number;
  recipients: string;
}

/**
 * One pass of the balance alerts: re-arms every alert whose balance is back at or above its threshold,
 * then sends one e-mail per recipient for each armed alert whose balance is below it. An alert is
 * claimed (alerted_at set, only where still null) in the transaction that queues its e-mails, so two
 * processes, or a retried pass, never send the same crossing twice.
 */
export async function checkBalanceAlerts(ctx: AppContext): Promise<{ rearmed: number; alerted: number; emails: number }> {
  const balanceOf = sql<number>`(select balance_micros from accounts where accounts.api_key = balance_alerts.api_key)`;
  const rearmed = await ctx.db
    .updateTable('balance_alerts')
    .set({ alerted_at: null })
    .where('alerted_at', 'is not', null)
    .where(sql<boolean>`${balanceOf} >= threshold_micros`)
    .executeTakeFirst();

  const crossings: Crossing[] = await ctx.db
    .selectFrom('balance_alerts as b')
    .innerJoin('accounts as a', 'a.api_key', 'b.api_key')
    .select(['b.api_key', 'b.primary_api_key', 'a.name', 'a.balance_micros', 'b.threshold_micros', 'b.recipients'])
    .where('b.enabled', '=', 1)
    .where('b.alerted_at', 'is', null)
    .whereRef('a.balance_micros', '<', 'b.threshold_micros')
    .orderBy('b.api_key')
    .execute();

  let alerted = 0;
  let emails = 0;
  for (let start = 0; start < crossings.length; start += BATCH) {
    const batch = crossings.slice(start, start + BATCH);
    const sent = await inTransaction(ctx.database, async (tx) => {
      const now = ctx.clock.now().toISOString();
      const claimed = await tx
        .updateTable('balance_alerts')
        .set({ alerted_at: now })
        .where('api_key', 'in', batch.map((crossing) => crossing.api_key))
        .where('enabled', '=', 1)
        .where('alerted_at', 'is', null)
        .where(sql<boolean>`${balanceOf} < threshold_micros`)
        .returning('api_key')
        .execute();
      const mine = new Set(claimed.map((row) => row.api_key));
      const mail = batch.filter((crossing) => mine.has(crossing.api_key)).flatMap((crossing) => alertEmails(ctx, crossing));
      await queueEmailsInTransaction(tx, ctx.clock, mail);
      return { accounts: mine.size, emails: mail.length };
    });
    alerted += sent.accounts;
    emails += sent.emails;
  }
  return { rearmed: Number(rearmed.numUpdatedRows), alerted, emails };
}

function alertEmails(ctx: AppContext, crossing: Crossing) {
  const subaccount = crossing.api_key !== crossing.primary_api_key;
  const who = subaccount ? `the subaccount "${crossing.name}" (${crossing.api_key})` : `your Switchboard account (${crossing.api_key})`;
  const link = new URL(subaccount ? `/subaccounts/${crossing.api_key}` : '/', publicUrl(ctx.config)).toString();
  const subject = `Balance below ${formatEuros(crossing.threshold_micros)}: ${formatEuros(crossing.balance_micros)} left`;
  const text = [
    `The balance of ${who} is ${formatEuros(crossing.balance_micros)}, below your alert threshold of ${formatEuros(crossing.threshold_micros)}.`,
    '',
    'When it reaches zero, the API refuses paid requests and rented numbers are released at renewal. Top up to keep things running:',
    link,
    '',
    'You get this e-mail once each time the balance falls below the threshold; the alert re-arms when the balance is back above it.',
  ].join('\n');
  return (JSON.parse(crossing.recipients) as string[]).map((to) => ({ to, subject, text }));
}
