import type { BalanceAlert, updateBalanceAlertRequestSchema } from '../../../contract/balance-alerts.js';
import { microsToEuros } from '../../../contract/money.js';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { inTransaction, type Db } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { ProblemError } from '../../platform/problems.js';

/** What an account's alert is before anyone sets it: off, at €10, to the family owner. */
export const DEFAULT_THRESHOLD_MICROS = 10_000_000;

export type BalanceAlertUpdate = z.output<typeof updateBalanceAlertRequestSchema>;

/** The family owner's e-mail: the account's e-mail, where alerts go by default. */
async function ownerEmail(db: Db, primaryApiKey: string): Promise<string[]> {
  const owner = await db.selectFrom('users').select('email').where('primary_api_key', '=', primaryApiKey).where('owner', '=', 1).executeTakeFirst();
  return owner ? [owner.email] : [];
}

/** A subaccount that spends its primary's balance has no balance to watch: the primary's alert covers it. */
function assertOwnBalance(account: Account): void {
  if (account.api_key !== account.primary_api_key && account.use_primary_account_balance === 1) {
    throw new ProblemError({
      status: 409,
      title: 'Shared balance',
      detail: 'This subaccount spends from its primary account\'s balance: the primary account\'s balance alert covers it.',
    });
  }
}

export async function readBalanceAlert(db: Db, account: Account): Promise<BalanceAlert> {
  assertOwnBalance(account);
  const row = await db.selectFrom('balance_alerts').selectAll().where('api_key', '=', account.api_key).executeTakeFirst();
  if (!row) {
    return { api_key: account.api_key, enabled: false, threshold: microsToEuros(DEFAULT_THRESHOLD_MICROS), recipients: await ownerEmail(db, account.primary_api_key), alerted_at: null };
  }
  return { api_key: row.api_key, enabled: row.enabled === 1, threshold: microsToEuros(row.threshold_micros), recipients: JSON.parse(row.recipients) as string[], alerted_at: row.alerted_at };
}

/**
 * Saves an account's alert. Changing the threshold keeps the state of the current crossing: an account
 * already alerted stays so until its balance is back at or above the (new) threshold, so tightening a
 * threshold never sends a second e-mail for the same low balance.
 */
export async function updateBalanceAlert(ctx: AppContext, account: Account, update: BalanceAlertUpdate, author: ActivityAuthor): Promise<BalanceAlert> {
  assertOwnBalance(account);
  const now = ctx.clock.now().toISOString();
  const recipients = JSON.stringify(update.recipients);
  await inTransaction(ctx.database, async (tx) => {
    const before = await readBalanceAlert(tx, account);
    await tx
      .insertInto('balance_alerts')
      .values({
        api_key: account.api_key,
        primary_api_key: account.primary_api_key,
        enabled: update.enabled ? 1 : 0,
        threshold_micros: update.threshold,
        recipients,
        alerted_at: null,
        updated_at: now,
      })
      .onConflict((conflict) =>
        conflict.column('api_key').doUpdateSet({
          enabled: update.enabled ? 1 : 0,
          threshold_micros: update.threshold,
          recipients,
          updated_at: now,
        }),
      )
      .execute();
    const view = (alert: { enabled: boolean; threshold: number; recipients: string[] }) => ({
      alert_enabled: alert.enabled,
      threshold: alert.threshold,
      recipients: alert.recipients.join(', '),
    });
    const changes = changesBetween(view(before), view({ enabled: update.enabled, threshold: microsToEuros(update.threshold), recipients: update.recipients }), [
      'alert_enabled',
      'threshold',
      'recipients',
    ]);
    if (changes.length > 0) {
      await recordActivity(tx, ctx.clock, author, { kind: 'balance_alert.updated', primaryApiKey: account.primary_api_key, apiKey: account.api_key, changes });
    }
  });
  return readBalanceAlert(ctx.db, account);
}
