import { sql } from 'kysely';
import { declineWords } from '../../../contract/auto-reload.js';
import { microsToEuros } from '../../../contract/money.js';
import { publicUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Payment } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { systemAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { HOUR, MINUTE } from '../../platform/clock.js';
import { queueEmailsInTransaction } from '../../platform/delivery/outbox.js';
import { readBalanceAlert } from '../balance-alerts/settings.js';
import { chargeStoredMethod } from '../billing/payments.js';
import { syncAccountFlag } from './settings.js';

/**
 * How long a failing auto-reload waits before its next attempt: failing(1) 10 minutes, failing(2)
 * 30 minutes, failing(3) 2 hours; a declined third retry pauses it. A decline the processor says must
 * never be retried (do not honour) pauses it at once.
 */
export const RETRY_BACKOFF = [10 * MINUTE, 30 * MINUTE, 2 * HOUR] as const;

/** Reloads charged at once by one pass: a remote processor answers in hundreds of milliseconds. */
const CONCURRENCY = 8;

export const AUTO_RELOAD_AUTHOR = systemAuthor('auto-reload');

/** Reload payments are keyed per account: `auto-reload:<primary>` owns keys `<window>` (the job) and `api:<key>` (the public top-up). */
const owner = (primaryApiKey: string) => `auto-reload:${primaryApiKey}`;

export type ReloadOutcome = 'settled' | 'pending' | 'failing' | 'paused';

interface Charging {
  primary_api_key: string;
  method_id: string | null;
  amount_micros: number;
  charge_key: string | null;
}

/**
 * Charges the reload the row was claimed for (state `charging`, `charge_key` set), or finds the
 * payment an earlier attempt made with the same key, and moves the state machine on.
 */
async function chargeClaimed(ctx: AppContext, row: Charging, base: Date, initiatedBy: string, author: ActivityAuthor): Promise<ReloadOutcome> {
  const key = row.charge_key as string;
  const earlier = await ctx.db.selectFrom('payments').selectAll().where('idempotency_owner', '=', owner(row.primary_api_key)).where('idempotency_key', '=', key).executeTakeFirst();
  if (earlier) return settle(ctx, row.primary_api_key, key, earlier, base);
  // A method removed since it was chosen is a decline of its own kind, never retried.
  const method = row.method_id ? await ctx.db.selectFrom('payment_methods').select('id').where('id', '=', row.method_id).executeTakeFirst() : undefined;
  if (!method) return settle(ctx, row.primary_api_key, key, null, base);
  const payment = await chargeStoredMethod(ctx, {
    primaryApiKey: row.primary_api_key,
    methodId: method.id,
    amountMicros: row.amount_micros,
    idempotency: { owner: owner(row.primary_api_key), key },
    initiatedBy,
    author,
    offSession: true,
  });
  return settle(ctx, row.primary_api_key, key, payment, base);
}

/**
 * Applies a reload payment's outcome to the state machine, once (the update is guarded by the state
 * and the charge key): settled → armed; declined → failing(n) with its back-off, or paused; held for
 * review → still charging (reconcile-payments settles it; the next pass comes back). The first decline
 * and the pause e-mail the billing recipients; a pause is in the activity log.
 */
async function settle(ctx: AppContext, primaryApiKey: string, key: string, payment: Payment | null, base: Date): Promise<ReloadOutcome> {
  if (payment && (payment.status === 'processing' || payment.status === 'pending')) return 'pending';
  return inTransaction(ctx.database, async (tx) => {
    const row = await tx.selectFrom('auto_reloads').selectAll().where('primary_api_key', '=', primaryApiKey).where('state', '=', 'charging').where('charge_key', '=', key).executeTakeFirst();
    const now = ctx.clock.now().toISOString();
    const guarded = tx.updateTable('auto_reloads').where('primary_api_key', '=', primaryApiKey).where('state', '=', 'charging').where('charge_key', '=', key);
    if (payment && (payment.status === 'settled' || payment.status === 'refunded')) {
      if (row) {
        await guarded
          .set({ state: 'armed', failures: 0, retry_at: null, charge_key: null, failure_code: null, failure_message: null, failed_at: null, last_payment_id: payment.id, updated_at: now })
          .execute();
      }
      return 'settled';
    }
    const code = payment?.failure_code ?? 'method_removed';
    const message = payment?.failure_message ?? 'The payment method auto-reload used was removed.';
    const retryable = payment?.retryable === 1;
    const failures = (row?.failures ?? 0) + 1;
    const paused = !retryable || failures > RETRY_BACKOFF.length;
    if (!row) return paused ? 'paused' : 'failing';
    const changed = await guarded
      .set({
        state: paused ? 'paused' : 'failing',
        failures,
        retry_at: paused ? null : new Date(base.getTime() + RETRY_BACKOFF[failures - 1]).toISOString(),
        charge_key: null,
        failure_code: code,
        failure_message: message,
        failed_at: now,
        updated_at: now,
      })
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return paused ? 'paused' : 'failing';
    const label = payment?.method_label ?? 'the payment method';
    if (paused) {
      await syncAccountFlag(tx, primaryApiKey, 'paused');
      await recordActivity(tx, ctx.clock, AUTO_RELOAD_AUTHOR, {
        kind: 'auto_reload.paused',
        primaryApiKey,
        apiKey: primaryApiKey,
        objectId: payment?.id ?? null,
        changes: [
          { field: 'auto_reload_state', before: row.failures > 0 ? `failing (${row.failures})` : 'armed', after: 'paused' },
          { field: 'decline', before: null, after: `${label}: ${declineWords[code] ?? code}` },
        ],
      });
    }
    if (failures === 1 || paused) await queueDeclineEmails(tx, ctx, primaryApiKey, { amountMicros: row.amount_micros, label, code, message, paused, retryAt: paused ? null : new Date(base.getTime() + RETRY_BACKOFF[failures - 1]) });
    return paused ? 'paused' : 'failing';
  });
}

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const timeOf = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The billing recipients ("Invoice & balance alerts", the owner's e-mail by default) hear of the first decline and of the pause. */
async function queueDeclineEmails(
  tx: Tx,
  ctx: AppContext,
  primaryApiKey: string,
  decline: { amountMicros: number; label: string; code: string; message: string; paused: boolean; retryAt: Date | null },
): Promise<void> {
  const account = await accounts.existingByKey(tx, primaryApiKey);
  const { recipients } = await readBalanceAlert(tx, account);
  const words = declineWords[decline.code] ?? decline.code;
  const subject = decline.paused ? `Auto-reload paused: ${decline.label} declined (${words})` : `Auto-reload declined: ${decline.label} (${words})`;
  const text = [
    `We could not reload ${euros.format(microsToEuros(decline.amountMicros))} on your Switchboard account (${primaryApiKey}) from ${decline.label}: ${decline.message}`,
    '',
    decline.paused
      ? 'Auto-reload is paused and charges nothing until you choose another payment method or resume it:'
      : `We will try again at ${timeOf(decline.retryAt as Date)}. To avoid running out of credit, check the payment method:`,
    new URL('/billing', publicUrl(ctx.config)).toString(),
  ].join('\n');
  await queueEmailsInTransaction(
    tx,
    ctx.clock,
    recipients.map((to) => ({ to, subject, text })),
  );
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface ReloadPass {
  charged: number;
  settled: number;
  failing: number;
  paused: number;
  pending: number;
}

/**
 * One pass of the auto-reload job for the 10-minute window starting at `window`. One statement claims
 * every armed (or failing and due) account whose balance is below its threshold — state `charging`,
 * charge key = the window — so a second process, or a retried pass, claims nothing twice; then each
 * claimed account is charged through chargeStoredMethod with that key (a retried charge finds the
 * first payment), and accounts still charging from an earlier pass (held for review, or a pass that
 * died) are looked at again.
 */
export async function runAutoReloads(ctx: AppContext, window: Date): Promise<ReloadPass> {
  const key = window.toISOString();
  const now = ctx.clock.now().toISOString();
  const balance = sql<number>`(select balance_micros from accounts where accounts.api_key = auto_reloads.primary_api_key)`;
  const claimed = await ctx.db
    .updateTable('auto_reloads')
    .set({ state: 'charging', charge_key: key, updated_at: now })
    .where('state', 'in', ['armed', 'failing'])
    .where((eb) => eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', now)]))
    .where(sql<boolean>`${balance} < threshold_micros`)
    .returning(['primary_api_key', 'method_id', 'amount_micros', 'charge_key'])
    .execute();
  const mine = new Set(claimed.map((row) => row.primary_api_key));
  const unfinished = (
    await ctx.db.selectFrom('auto_reloads').select(['primary_api_key', 'method_id', 'amount_micros', 'charge_key']).where('state', '=', 'charging').execute()
  ).filter((row) => !mine.has(row.primary_api_key));
  const outcomes = await inParallel([...claimed, ...unfinished], CONCURRENCY, (row) => chargeClaimed(ctx, row, window, 'system', AUTO_RELOAD_AUTHOR));
  const count = (outcome: ReloadOutcome) => outcomes.filter((each) => each === outcome).length;
  return { charged: claimed.length, settled: count('settled'), failing: count('failing'), paused: count('paused'), pending: count('pending') };
}

/**
 * The public API's `POST /account/top-up`: reloads now with the auto-reload method and amount,
 * whatever the balance, through the same state machine (claimed from armed or failing; a decline
 * counts like the job's). `key` makes a retried request find its first payment.
 */
export async function reloadNow(
  ctx: AppContext,
  primaryApiKey: string,
  key: string,
  initiatedBy: string,
  author: ActivityAuthor,
): Promise<{ outcome: ReloadOutcome | 'not_enabled' | 'busy'; payment: Payment | null }> {
  const chargeKey = `api:${key}`;
  const claimed = await ctx.db
    .updateTable('auto_reloads')
    .set({ state: 'charging', charge_key: chargeKey, updated_at: ctx.clock.now().toISOString() })
    .where('primary_api_key', '=', primaryApiKey)
    .where('state', 'in', ['armed', 'failing'])
    .returning(['primary_api_key', 'method_id', 'amount_micros', 'charge_key'])
    .executeTakeFirst();
  if (!claimed) {
    const row = await ctx.db.selectFrom('auto_reloads').select(['state', 'charge_key']).where('primary_api_key', '=', primaryApiKey).executeTakeFirst();
    if (row?.state !== 'charging') return { outcome: 'not_enabled', payment: null };
    if (row.charge_key !== chargeKey) return { outcome: 'busy', payment: null };
  }
  const row = claimed ?? (await ctx.db.selectFrom('auto_reloads').select(['primary_api_key', 'method_id', 'amount_micros', 'charge_key']).where('primary_api_key', '=', primaryApiKey).executeTakeFirstOrThrow());
  const outcome = await chargeClaimed(ctx, row, ctx.clock.now(), initiatedBy, author);
  const payment = await ctx.db.selectFrom('payments').selectAll().where('idempotency_owner', '=', owner(primaryApiKey)).where('idempotency_key', '=', chargeKey).executeTakeFirst();
  return { outcome, payment: payment ?? null };
}
