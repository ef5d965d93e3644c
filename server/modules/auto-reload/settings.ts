import type { z } from 'zod';
import {
  DEFAULT_AUTO_RELOAD_AMOUNT_EUR,
  DEFAULT_AUTO_RELOAD_THRESHOLD_EUR,
  type AutoReload,
  type AutoReloadState,
  type updateAutoReloadRequestSchema,
} from '../../../contract/auto-reload.js';
import { eurosToMicros, microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { fieldError, ProblemError } from '../../platform/problems.js';
import { methodLabel } from '../billing/views.js';

export type AutoReloadUpdate = z.output<typeof updateAutoReloadRequestSchema>;

/** Whether the public API counts auto-reload as enabled (get-balance's `autoReload`, top-up allowed). */
export const isEnabled = (state: AutoReloadState) => state === 'armed' || state === 'charging' || state === 'failing';

/** The amount a new auto-reload offers: the last settled top-up's, as seed 004 says, else €20. */
async function lastTopUpMicros(db: Db, primaryApiKey: string): Promise<number> {
  const last = await db
    .selectFrom('payments')
    .select('amount_micros')
    .where('primary_api_key', '=', primaryApiKey)
    .where('status', 'in', ['settled', 'refunded'])
    .orderBy('settled_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return last?.amount_micros ?? eurosToMicros(DEFAULT_AUTO_RELOAD_AMOUNT_EUR)!;
}

/** An account's auto-reload as the console shows it; before anyone set it: off, the default method, the last top-up's amount, €10. */
export async function readAutoReload(db: Db, primaryApiKey: string): Promise<AutoReload> {
  const row = await db.selectFrom('auto_reloads').selectAll().where('primary_api_key', '=', primaryApiKey).executeTakeFirst();
  const stored = await db.selectFrom('payment_methods').selectAll().where('primary_api_key', '=', primaryApiKey).orderBy('created_at').orderBy('id').execute();
  const methods = stored.map((each) => ({ id: each.id, label: methodLabel(each) }));
  const method = row ? stored.find((each) => each.id === row.method_id) : stored.find((each) => each.is_default === 1);
  if (!row) {
    return {
      state: 'off',
      method_id: method?.id ?? null,
      method_label: method ? methodLabel(method) : null,
      amount: microsToEuros(await lastTopUpMicros(db, primaryApiKey)),
      threshold: DEFAULT_AUTO_RELOAD_THRESHOLD_EUR,
      failures: 0,
      retry_at: null,
      last_failure: null,
      last_reload: null,
      methods,
    };
  }
  const lastPayment = row.last_payment_id
    ? await db.selectFrom('payments').select(['id', 'amount_micros', 'settled_at']).where('id', '=', row.last_payment_id).executeTakeFirst()
    : undefined;
  return {
    state: row.state,
    method_id: row.method_id,
    method_label: method ? methodLabel(method) : null,
    amount: microsToEuros(row.amount_micros),
    threshold: microsToEuros(row.threshold_micros),
    failures: row.failures,
    retry_at: row.state === 'failing' ? row.retry_at : null,
    last_failure:
      row.failure_code && row.failed_at ? { code: row.failure_code, message: row.failure_message ?? '', at: row.failed_at } : null,
    last_reload: lastPayment?.settled_at ? { payment_id: lastPayment.id, amount: microsToEuros(lastPayment.amount_micros), at: lastPayment.settled_at } : null,
    methods,
  };
}

/** Keeps `accounts.auto_reload` (what get-balance reports) in step with the state, in the same transaction. */
export async function syncAccountFlag(tx: Tx, primaryApiKey: string, state: AutoReloadState): Promise<void> {
  const flag = isEnabled(state) ? 1 : 0;
  await tx.updateTable('accounts').set({ auto_reload: flag }).where('api_key', '=', primaryApiKey).where('auto_reload', '!=', flag).execute();
}

const recovered = { failures: 0, retry_at: null, failure_code: null, failure_message: null, failed_at: null } as const;

/**
 * Saves the settings. Turning it on arms it; a paused or failing auto-reload is re-armed by a new
 * method (the old one was declined) and keeps its state otherwise; a reload in flight stays in flight.
 */
export async function updateAutoReload(ctx: AppContext, primaryApiKey: string, update: AutoReloadUpdate, author: ActivityAuthor): Promise<AutoReload> {
  const method = await ctx.db.selectFrom('payment_methods').selectAll().where('primary_api_key', '=', primaryApiKey).where('id', '=', update.method_id).executeTakeFirst();
  if (!method) throw fieldError('method_id', 'This payment method no longer exists: choose another.');
  await inTransaction(ctx.database, async (tx) => {
    const before = await readAutoReload(tx, primaryApiKey);
    const row = await tx.selectFrom('auto_reloads').select(['state', 'charge_key']).where('primary_api_key', '=', primaryApiKey).executeTakeFirst();
    const current = row?.state ?? 'off';
    const newMethod = before.method_id !== update.method_id;
    const state: AutoReloadState = !update.enabled
      ? 'off'
      : current === 'off' || ((current === 'paused' || current === 'failing') && newMethod)
        ? 'armed'
        : current;
    const values = {
      state,
      method_id: update.method_id,
      amount_micros: update.amount,
      threshold_micros: update.threshold,
      charge_key: state === 'charging' ? (row?.charge_key ?? null) : null,
      updated_at: ctx.clock.now().toISOString(),
      ...(state === 'armed' || state === 'off' ? recovered : {}),
    };
    await tx
      .insertInto('auto_reloads')
      .values({ primary_api_key: primaryApiKey, ...recovered, last_payment_id: null, ...values })
      .onConflict((conflict) => conflict.column('primary_api_key').doUpdateSet(values))
      .execute();
    await syncAccountFlag(tx, primaryApiKey, state);
    const view = (settings: { on: boolean; method: string | null; amount: number; threshold: number; state: string }) => ({
      auto_reload: settings.on,
      method: settings.method,
      amount: settings.amount,
      threshold: settings.threshold,
      auto_reload_state: settings.state,
    });
    const changes = changesBetween(
      view({ on: before.state !== 'off', method: before.method_label, amount: before.amount, threshold: before.threshold, state: before.state }),
      view({ on: update.enabled, method: methodLabel(method), amount: microsToEuros(update.amount), threshold: microsToEuros(update.threshold), state }),
      ['auto_reload', 'method', 'amount', 'threshold', 'auto_reload_state'],
    );
    await recordActivity(tx, ctx.clock, author, { kind: 'auto_reload.updated', primaryApiKey, apiKey: primaryApiKey, changes });
  });
  return readAutoReload(ctx.db, primaryApiKey);
}

/** "Resume": a paused (or failing) auto-reload is armed again with the same method; the next pass may charge at once. */
export async function resumeAutoReload(ctx: AppContext, primaryApiKey: string, author: ActivityAuthor): Promise<AutoReload> {
  await inTransaction(ctx.database, async (tx) => {
    const before = await tx.selectFrom('auto_reloads').select('state').where('primary_api_key', '=', primaryApiKey).executeTakeFirst();
    const resumed = await tx
      .updateTable('auto_reloads')
      .set({ state: 'armed', ...recovered, updated_at: ctx.clock.now().toISOString() })
      .where('primary_api_key', '=', primaryApiKey)
      .where('state', 'in', ['paused', 'failing'])
      .executeTakeFirst();
    if (!before || Number(resumed.numUpdatedRows) === 0) {
      throw new ProblemError({ status: 409, title: 'Not paused', detail: 'Auto-reload is not paused or failing: there is nothing to resume.' });
    }
    await syncAccountFlag(tx, primaryApiKey, 'armed');
    await recordActivity(tx, ctx.clock, author, {
      kind: 'auto_reload.resumed',
      primaryApiKey,
      apiKey: primaryApiKey,
      changes: [{ field: 'auto_reload_state', before: before.state, after: 'armed' }],
    });
  });
  return readAutoReload(ctx.db, primaryApiKey);
}

/**
 * Called while a payment method is deleted, in the deletion's transaction: auto-reload that charges
 * it (and is not off) must move to `replacementId`, chosen in the same step, else the deletion is
 * refused (409 naming `auto_reload_method_id`). Moving to another method re-arms a paused or failing
 * auto-reload, as choosing a new method in its settings does.
 */
export async function releaseAutoReloadMethod(tx: Tx, ctx: AppContext, primaryApiKey: string, methodId: string, replacementId: string | undefined, author: ActivityAuthor): Promise<void> {
  const row = await tx.selectFrom('auto_reloads').select(['state']).where('primary_api_key', '=', primaryApiKey).where('method_id', '=', methodId).where('state', '!=', 'off').executeTakeFirst();
  if (!row) return;
  const replacement =
    replacementId && replacementId !== methodId
      ? await tx.selectFrom('payment_methods').selectAll().where('primary_api_key', '=', primaryApiKey).where('id', '=', replacementId).executeTakeFirst()
      : undefined;
  if (!replacement) {
    const detail = replacementId
      ? 'Choose another of your payment methods for auto-reload.'
      : 'Auto-reload charges this payment method: first choose another one for auto-reload (or name it in auto_reload_method_id), or turn auto-reload off.';
    throw new ProblemError({ status: 409, title: 'Used by auto-reload', detail, invalidParameters: [{ name: 'auto_reload_method_id', reason: detail }] });
  }
  const state: AutoReloadState = row.state === 'paused' || row.state === 'failing' ? 'armed' : row.state;
  await tx
    .updateTable('auto_reloads')
    .set({ method_id: replacement.id, state, updated_at: ctx.clock.now().toISOString(), ...(state === 'armed' ? recovered : {}) })
    .where('primary_api_key', '=', primaryApiKey)
    .execute();
  await syncAccountFlag(tx, primaryApiKey, state);
  const removed = await tx.selectFrom('payment_methods').selectAll().where('id', '=', methodId).executeTakeFirstOrThrow();
  await recordActivity(tx, ctx.clock, author, {
    kind: 'auto_reload.updated',
    primaryApiKey,
    apiKey: primaryApiKey,
    changes: [
      { field: 'method', before: methodLabel(removed), after: methodLabel(replacement) },
      ...(state !== row.state ? [{ field: 'auto_reload_state', before: row.state, after: state }] : []),
    ],
  });
}
