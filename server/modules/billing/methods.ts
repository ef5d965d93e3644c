import type { AddCardRequest, BillingAddress, CompletePayPalRequest } from '../../../contract/billing.js';
import type { AppContext } from '../../context.js';
import { inTransaction, isUniqueViolation, type Tx } from '../../db/database.js';
import type { PaymentMethod } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { newId } from '../../platform/ids.js';
import type { StoredCard, StoredPayPal } from '../../platform/payments/processor.js';
import { fieldError, notFound, ProblemError } from '../../platform/problems.js';
import { releaseAutoReloadMethod } from '../auto-reload/settings.js';
import { methodLabel } from './views.js';

/** The console page PayPal sends the customer back to. */
export const PAYPAL_RETURN_PATH = '/billing/paypal-return';

export function listMethods(ctx: AppContext, primaryApiKey: string): Promise<PaymentMethod[]> {
  return ctx.db.selectFrom('payment_methods').selectAll().where('primary_api_key', '=', primaryApiKey).orderBy('created_at').orderBy('id').execute();
}

export async function methodOf(db: AppContext['db'], primaryApiKey: string, methodId: string): Promise<PaymentMethod | undefined> {
  return db.selectFrom('payment_methods').selectAll().where('primary_api_key', '=', primaryApiKey).where('id', '=', methodId).executeTakeFirst();
}

const kindWords = { card: 'card', paypal: 'PayPal account' } as const;

/** A card or PayPal account belongs to one Switchboard account only (seed 004). */
function alreadyStored(type: 'card' | 'paypal', ownFamily: boolean): ProblemError {
  const field = type === 'card' ? 'number' : 'paypal_session';
  const detail = ownFamily
    ? `This ${kindWords[type]} is already saved to your account.`
    : `This ${kindWords[type]} is already used by another Switchboard account. For security, a ${kindWords[type]} can belong to one account only: remove it there first, or use another.`;
  return new ProblemError({ status: 409, title: 'Payment method already in use', detail, invalidParameters: [{ name: field, reason: detail }] });
}

type StoredMethod = { type: 'card'; stored: StoredCard } | { type: 'paypal'; stored: StoredPayPal };

async function saveMethod(ctx: AppContext, primaryApiKey: string, method: StoredMethod, address: BillingAddress, author: ActivityAuthor): Promise<PaymentMethod> {
  const owner = await ctx.db
    .selectFrom('payment_methods')
    .select('primary_api_key')
    .where('processor', '=', ctx.payments.name)
    .where('type', '=', method.type)
    .where('fingerprint', '=', method.stored.fingerprint)
    .executeTakeFirst();
  if (owner) throw alreadyStored(method.type, owner.primary_api_key === primaryApiKey);
  const card = method.type === 'card' ? method.stored : null;
  const row: PaymentMethod = {
    id: newId(),
    primary_api_key: primaryApiKey,
    type: method.type,
    processor: ctx.payments.name,
    processor_ref: method.stored.processorRef,
    fingerprint: method.stored.fingerprint,
    brand: card?.brand ?? null,
    last4: card?.last4 ?? null,
    exp_month: card?.expMonth ?? null,
    exp_year: card?.expYear ?? null,
    paypal_email: method.type === 'paypal' ? method.stored.email : null,
    is_default: 0,
    billing_name: address.billing_name,
    billing_line1: address.billing_line1,
    billing_city: address.billing_city,
    billing_postcode: address.billing_postcode,
    billing_country: address.billing_country,
    created_at: ctx.clock.now().toISOString(),
  };
  try {
    return await inTransaction(ctx.database, async (tx) => {
      const first = !(await tx.selectFrom('payment_methods').select('id').where('primary_api_key', '=', primaryApiKey).executeTakeFirst());
      const saved = { ...row, is_default: first ? 1 : 0 };
      await tx.insertInto('payment_methods').values(saved).execute();
      await recordActivity(tx, ctx.clock, author, {
        kind: 'payment_method.added',
        primaryApiKey,
        apiKey: primaryApiKey,
        objectId: saved.id,
        changes: [
          { field: 'method', before: null, after: methodLabel(saved) },
          ...(first ? [{ field: 'is_default', before: null, after: true }] : []),
        ],
      });
      return saved;
    });
  } catch (error) {
    // Another request stored the same card or account a moment ago.
    if (isUniqueViolation(error)) throw alreadyStored(method.type, false);
    throw error;
  }
}

export async function addCard(ctx: AppContext, primaryApiKey: string, request: AddCardRequest, author: ActivityAuthor): Promise<PaymentMethod> {
  const stored = await ctx.payments.storeCard(request.token, { accountId: primaryApiKey });
  if (!stored) throw fieldError('token', 'The card details are no longer valid: enter them again.');
  return saveMethod(ctx, primaryApiKey, { type: 'card', stored }, request, author);
}

export function startPayPal(ctx: AppContext): Promise<{ sessionId: string; approveUrl: string }> {
  return ctx.payments.startPayPal(PAYPAL_RETURN_PATH);
}

export async function completePayPal(ctx: AppContext, primaryApiKey: string, request: CompletePayPalRequest, author: ActivityAuthor): Promise<PaymentMethod> {
  const result = await ctx.payments.finishPayPal(request.paypal_session);
  if (result === 'denied') throw fieldError('paypal_session', 'You cancelled at PayPal: no PayPal account was added.');
  if (!result) throw fieldError('paypal_session', 'This PayPal approval is unknown or was already used: start again.');
  return saveMethod(ctx, primaryApiKey, { type: 'paypal', stored: result }, request, author);
}

async function existingMethod(tx: Tx, primaryApiKey: string, methodId: string): Promise<PaymentMethod> {
  const method = await tx.selectFrom('payment_methods').selectAll().where('primary_api_key', '=', primaryApiKey).where('id', '=', methodId).executeTakeFirst();
  if (!method) throw notFound('No such payment method.');
  return method;
}

export function setDefaultMethod(ctx: AppContext, primaryApiKey: string, methodId: string, author: ActivityAuthor): Promise<PaymentMethod> {
  return inTransaction(ctx.database, async (tx) => {
    const method = await existingMethod(tx, primaryApiKey, methodId);
    if (method.is_default === 1) return method;
    await tx.updateTable('payment_methods').set({ is_default: 0 }).where('primary_api_key', '=', primaryApiKey).execute();
    await tx.updateTable('payment_methods').set({ is_default: 1 }).where('id', '=', methodId).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'payment_method.default_set',
      primaryApiKey,
      apiKey: primaryApiKey,
      objectId: methodId,
      changes: [{ field: 'method', before: null, after: methodLabel(method) }],
    });
    return { ...method, is_default: 1 };
  });
}

/**
 * Deletes a stored method; when it was the default, the newest remaining one becomes the default.
 * The method auto-reload charges is deleted only with another chosen for auto-reload in the same step.
 * Its payments keep their label, so the history still says which method paid.
 */
export function deleteMethod(ctx: AppContext, primaryApiKey: string, methodId: string, author: ActivityAuthor, autoReloadMethodId?: string): Promise<void> {
  return inTransaction(ctx.database, async (tx) => {
    const method = await existingMethod(tx, primaryApiKey, methodId);
    await releaseAutoReloadMethod(tx, ctx, primaryApiKey, methodId, autoReloadMethodId, author);
    await tx.deleteFrom('payment_methods').where('id', '=', methodId).execute();
    if (method.is_default === 1) {
      const next = await tx.selectFrom('payment_methods').select('id').where('primary_api_key', '=', primaryApiKey).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      if (next) await tx.updateTable('payment_methods').set({ is_default: 1 }).where('id', '=', next.id).execute();
    }
    await recordActivity(tx, ctx.clock, author, {
      kind: 'payment_method.removed',
      primaryApiKey,
      apiKey: primaryApiKey,
      objectId: methodId,
      changes: [{ field: 'method', before: methodLabel(method), after: null }],
    });
  });
}
