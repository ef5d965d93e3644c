import { randomBytes } from 'node:crypto';
import type { FieldChange } from '../../../contract/activity.js';
import { microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import { inTransaction, lockFamilyAccounts, type Db, type Tx } from '../../db/database.js';
import type { Insertable } from 'kysely';
import type { Payment, PaymentMethod, PaymentsTable } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { newId, sha256 } from '../../platform/ids.js';
import { debitWithinLimit, postLedgerEntry } from '../../platform/ledger/ledger.js';
import { retryableDeclines, type ChargeOutcome, type ChargeRequest } from '../../platform/payments/processor.js';
import { fieldError, notFound, ProblemError } from '../../platform/problems.js';
import { finalizeInvoice, issueCreditNote, openInvoice, voidInvoice } from '../invoices/invoices.js';
import { methodLabel } from './views.js';

/** An Idempotency-Key and who sent it: a payment is made once per (owner, key). */
export interface PaymentIdempotency {
  owner: string;
  key: string;
}

export interface StoredMethodCharge {
  primaryApiKey: string;
  methodId: string;
  amountMicros: number;
  idempotency: PaymentIdempotency;
  /** Who asked, as the ledger names an actor (`user:…`, `api_key:…`, `system`). */
  initiatedBy: string;
  author: ActivityAuthor;
  /** True when the customer is not there to answer (auto-reload). */
  offSession: boolean;
}

const keyReused = () =>
  new ProblemError({
    status: 422,
    title: 'Idempotency-Key reused',
    detail: 'This Idempotency-Key was already used with a different request. Use a new key for a new payment.',
    invalidParameters: [{ name: 'Idempotency-Key', reason: 'Already used with a different request' }],
  });

/** A payment as it starts: no outcome yet (no processor reference, failure, balance after or settlement). */
export function newPaymentRow(
  fields: Pick<
    Insertable<PaymentsTable>,
    'id' | 'primary_api_key' | 'method_id' | 'method_type' | 'method_label' | 'amount_micros' | 'status' | 'request_hash' | 'initiated_by'
  > & { idempotency_owner: string; idempotency_key: string; reference?: string | null; now: string },
): Insertable<PaymentsTable> & { idempotency_owner: string; idempotency_key: string } {
  const { now, reference = null, ...chosen } = fields;
  return {
    ...chosen,
    reference,
    processor_ref: null,
    failure_code: null,
    failure_message: null,
    retryable: null,
    balance_after_micros: null,
    created_at: now,
    updated_at: now,
    settled_at: null,
  };
}

/**
 * Records a payment once per Idempotency-Key: the first request inserts it, a twin or a retry finds it
 * (the same request, else a 422). Returns the row either way.
 */
async function claimPayment(on: Db, row: Insertable<PaymentsTable> & { idempotency_owner: string; idempotency_key: string }, requestHash: string): Promise<Payment> {
  const inserted = await on
    .insertInto('payments')
    .values(row)
    .onConflict((conflict) => conflict.columns(['idempotency_owner', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  const payment =
    inserted ??
    (await on.selectFrom('payments').selectAll().where('idempotency_owner', '=', row.idempotency_owner).where('idempotency_key', '=', row.idempotency_key).executeTakeFirstOrThrow());
  if (payment.request_hash !== requestHash || payment.primary_api_key !== row.primary_api_key) throw keyReused();
  return payment;
}

type ChargedMethod = Pick<PaymentMethod, 'type' | 'processor_ref'>;

const chargeRequest = (payment: Payment, method: ChargedMethod, offSession: boolean): ChargeRequest => ({
  idempotencyKey: payment.id,
  method: { type: method.type, processorRef: method.processor_ref },
  amountMicros: payment.amount_micros,
  offSession,
  description: `Switchboard top-up ${payment.primary_api_key}`,
});

/**
 * Charges a stored card or PayPal account off the request's transaction: one call for a one-click
 * top-up and for auto-reload. The payment is recorded first (`processing`), the processor is asked
 * with the payment's id as its idempotency key, and the outcome is applied by one guarded transaction
 * — so twins, retries and the reconcile job all end in one charge and at most one ledger entry. A
 * processor that keeps its records in our database (the sandbox) is asked inside that transaction:
 * the payment, its charge and its outcome are then one commit, with no state in between to recover.
 */
export async function chargeStoredMethod(ctx: AppContext, charge: StoredMethodCharge): Promise<Payment> {
  const method = await ctx.db
    .selectFrom('payment_methods')
    .select(['type', 'processor_ref', 'brand', 'last4', 'paypal_email'])
    .where('primary_api_key', '=', charge.primaryApiKey)
    .where('id', '=', charge.methodId)
    .executeTakeFirst();
  const now = ctx.clock.now().toISOString();
  const requestHash = sha256(`charge ${charge.methodId} ${charge.amountMicros}`);
  if (!method) {
    // A retry may name a method deleted since its first attempt: that attempt's payment still answers it.
    const earlier = await ctx.db
      .selectFrom('payments')
      .select('id')
      .where('idempotency_owner', '=', charge.idempotency.owner)
      .where('idempotency_key', '=', charge.idempotency.key)
      .executeTakeFirst();
    if (!earlier) throw fieldError('method_id', 'This payment method no longer exists: choose another.');
  }
  const row = newPaymentRow({
    id: newId(),
    primary_api_key: charge.primaryApiKey,
    method_id: charge.methodId,
    method_type: method?.type ?? 'card',
    method_label: method ? methodLabel(method) : '',
    amount_micros: charge.amountMicros,
    status: 'processing',
    idempotency_owner: charge.idempotency.owner,
    idempotency_key: charge.idempotency.key,
    request_hash: requestHash,
    initiated_by: charge.initiatedBy,
    now,
  });
  const chargeInTransaction = ctx.payments.chargeInTransaction;
  if (method && chargeInTransaction) {
    return inTransaction(ctx.database, async (tx) => {
      const payment = await claimPayment(tx, row, requestHash);
      if (payment.status !== 'processing') return payment;
      return settleOpenPayment(tx, ctx, payment, await chargeInTransaction(tx, chargeRequest(payment, method, charge.offSession)), charge.author);
    });
  }
  const payment = await claimPayment(ctx.db, row, requestHash);
  if (payment.status !== 'processing') return payment;
  return processPayment(ctx, payment, charge.author, charge.offSession, method);
}

/** Asks the processor for the charge of a `processing` payment (again, if need be: it is idempotent) and applies the outcome. */
async function processPayment(ctx: AppContext, payment: Payment, author: ActivityAuthor, offSession: boolean, known?: ChargedMethod): Promise<Payment> {
  const method =
    known ?? (payment.method_id ? await ctx.db.selectFrom('payment_methods').select(['type', 'processor_ref']).where('id', '=', payment.method_id).executeTakeFirst() : undefined);
  const chargeInTransaction = ctx.payments.chargeInTransaction;
  if (method && chargeInTransaction) {
    return inTransaction(ctx.database, async (tx) => settleOpenPayment(tx, ctx, payment, await chargeInTransaction(tx, chargeRequest(payment, method, offSession)), author));
  }
  const outcome: ChargeOutcome = method
    ? await ctx.payments.charge(chargeRequest(payment, method, offSession))
    : { status: 'declined', chargeRef: null, code: 'processing_error', message: 'The payment method was deleted before the payment completed.' };
  return applyOutcome(ctx, payment.id, outcome, author);
}

/**
 * Applies what the processor said to a payment still open (processing or pending), once: the status
 * change is guarded, and a settled payment credits the balance in the same transaction as its ledger
 * entry, its row and its activity entry. The first settled payment ends DEMO mode.
 */
export async function applyOutcome(ctx: AppContext, paymentId: string, outcome: ChargeOutcome, author: ActivityAuthor): Promise<Payment> {
  const applied = await inTransaction(ctx.database, async (tx) => {
    const payment = await tx.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();
    return settleOpenPayment(tx, ctx, payment, outcome, author);
  });
  ctx.outbox.wake();
  return applied;
}

/** applyOutcome's work in the caller's transaction, for a payment row read (or written) in it. */
async function settleOpenPayment(tx: Tx, ctx: AppContext, payment: Payment, outcome: ChargeOutcome, author: ActivityAuthor): Promise<Payment> {
  await lockFamilyAccounts(tx, ctx.database.dialect, payment.primary_api_key, [payment.primary_api_key]);
  const now = ctx.clock.now().toISOString();
  const status = outcome.status === 'succeeded' ? 'settled' : outcome.status === 'review' ? 'pending' : 'failed';
  const changed = await tx
    .updateTable('payments')
    .set({
      status,
      processor_ref: outcome.chargeRef,
      failure_code: outcome.status === 'declined' ? outcome.code : null,
      failure_message: outcome.status === 'declined' ? outcome.message : null,
      retryable: outcome.status === 'declined' ? Number(retryableDeclines.has(outcome.code)) : null,
      updated_at: now,
      settled_at: status === 'settled' ? now : null,
    })
    .where('id', '=', payment.id)
    .where('status', 'in', status === 'pending' ? ['processing'] : ['processing', 'pending'])
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) return tx.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow();
  if (status === 'settled') await creditPayment(tx, ctx, payment, author);
  else {
    if (status === 'pending') await openInvoice(tx, ctx, payment, 'pending');
    else await voidInvoice(tx, ctx.clock, payment.id);
    await recordPaymentActivity(tx, ctx, payment, author, status, []);
  }
  return tx.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow();
}

/** The ledger entry, the balance, the payment's balance_after, DEMO off and the activity entry: one transaction. */
async function creditPayment(tx: Tx, ctx: AppContext, payment: Payment, author: ActivityAuthor): Promise<void> {
  const balanceAfter = await postLedgerEntry(tx, ctx.clock, {
    apiKey: payment.primary_api_key,
    primaryApiKey: payment.primary_api_key,
    kind: 'payment',
    amountMicros: payment.amount_micros,
    reference: payment.reference ?? payment.id,
    actor: payment.initiated_by,
  });
  await tx.updateTable('payments').set({ balance_after_micros: balanceAfter }).where('id', '=', payment.id).execute();
  await tx.updateTable('accounts').set({ demo: 0 }).where('primary_api_key', '=', payment.primary_api_key).where('demo', '=', 1).execute();
  await finalizeInvoice(tx, ctx, payment);
  await recordPaymentActivity(tx, ctx, payment, author, 'settled', [
    { field: 'balance', before: microsToEuros(balanceAfter - payment.amount_micros), after: microsToEuros(balanceAfter) },
  ]);
}

/** The activity entry of a payment's outcome: its amount, method and the status it reached. */
function recordPaymentActivity(tx: Tx, ctx: AppContext, payment: Payment, author: ActivityAuthor, status: Payment['status'], more: FieldChange[]): Promise<void> {
  return recordActivity(tx, ctx.clock, author, {
    kind: 'payment.made',
    primaryApiKey: payment.primary_api_key,
    apiKey: payment.primary_api_key,
    objectId: payment.id,
    changes: [
      { field: 'amount', before: null, after: microsToEuros(payment.amount_micros) },
      { field: 'method', before: null, after: payment.method_label },
      { field: 'status', before: payment.status, after: status },
      ...more,
    ],
  });
}

/** A reference customers quote on their transfer: short, unambiguous, unique. */
function newBankReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `SB-${Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/** A bank transfer the customer will make: pending, with the reference to quote, until the operator settles it. */
export async function requestBankTransfer(
  ctx: AppContext,
  request: { primaryApiKey: string; amountMicros: number; idempotency: PaymentIdempotency; initiatedBy: string; author: ActivityAuthor },
): Promise<Payment> {
  const requestHash = sha256(`bank_transfer ${request.amountMicros}`);
  const requested = await inTransaction(ctx.database, async (tx) => {
    const now = ctx.clock.now().toISOString();
    const id = newId();
    const inserted = await tx
      .insertInto('payments')
      .values(
        newPaymentRow({
          id,
          primary_api_key: request.primaryApiKey,
          method_id: null,
          method_type: 'bank_transfer',
          method_label: 'Bank transfer',
          amount_micros: request.amountMicros,
          status: 'pending',
          reference: newBankReference(),
          idempotency_owner: request.idempotency.owner,
          idempotency_key: request.idempotency.key,
          request_hash: requestHash,
          initiated_by: request.initiatedBy,
          now,
        }),
      )
      .onConflict((conflict) => conflict.columns(['idempotency_owner', 'idempotency_key']).doNothing())
      .executeTakeFirst();
    const payment = await tx
      .selectFrom('payments')
      .selectAll()
      .where('idempotency_owner', '=', request.idempotency.owner)
      .where('idempotency_key', '=', request.idempotency.key)
      .executeTakeFirstOrThrow();
    if (payment.request_hash !== requestHash || payment.primary_api_key !== request.primaryApiKey) throw keyReused();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      await openInvoice(tx, ctx, payment, 'proforma');
      await recordActivity(tx, ctx.clock, request.author, {
        kind: 'payment.bank_transfer_requested',
        primaryApiKey: request.primaryApiKey,
        apiKey: request.primaryApiKey,
        objectId: id,
        changes: [
          { field: 'amount', before: null, after: microsToEuros(request.amountMicros) },
          { field: 'reference', before: null, after: payment.reference },
        ],
      });
    }
    return payment;
  });
  ctx.outbox.wake();
  return requested;
}

/**
 * The operator received a bank transfer quoting `reference`: settles it once (a repeat changes
 * nothing); an amount other than the one requested is refused.
 */
export async function settleBankTransfer(ctx: AppContext, reference: string, amountMicros: number, author: ActivityAuthor): Promise<{ payment: Payment; applied: boolean }> {
  const settled = await inTransaction(ctx.database, async (tx) => {
    const payment = await tx.selectFrom('payments').selectAll().where('reference', '=', reference).executeTakeFirst();
    if (!payment || payment.method_type !== 'bank_transfer') throw notFound(`No bank transfer with reference ${reference}`);
    if (payment.amount_micros !== amountMicros) {
      throw new ProblemError({
        status: 422,
        title: 'Amount mismatch',
        detail: `Bank transfer ${reference} is for ${microsToEuros(payment.amount_micros)} EUR, not ${microsToEuros(amountMicros)} EUR: nothing was credited`,
      });
    }
    if (payment.status !== 'pending') return { payment, applied: false };
    await lockFamilyAccounts(tx, ctx.database.dialect, payment.primary_api_key, [payment.primary_api_key]);
    const now = ctx.clock.now().toISOString();
    const changed = await tx.updateTable('payments').set({ status: 'settled', settled_at: now, updated_at: now }).where('id', '=', payment.id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return { payment, applied: false };
    await creditPayment(tx, ctx, payment, author);
    return { payment: await tx.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow(), applied: true };
  });
  ctx.outbox.wake();
  return settled;
}

/**
 * The operator gives back (part of) a settled payment: a negative ledger entry that may not take the
 * balance below the credit limit unless forced, then the processor's refund. Should the processor
 * refuse, the entry is reversed and the refusal reported.
 */
export async function refundPayment(ctx: AppContext, paymentId: string, amountMicros: number | null, force: boolean, author: ActivityAuthor): Promise<Payment> {
  const refund = await inTransaction(ctx.database, async (tx) => {
    const payment = await tx.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
    if (!payment) throw notFound(`No payment ${paymentId}`);
    if (payment.status !== 'settled') throw new ProblemError({ status: 422, title: 'Not refundable', detail: `Payment ${paymentId} is ${payment.status}: only a settled payment can be refunded` });
    const remaining = payment.amount_micros - payment.refunded_micros;
    const amount = amountMicros ?? remaining;
    if (amount <= 0 || amount > remaining) {
      throw new ProblemError({ status: 422, title: 'Invalid amount', detail: `At most ${microsToEuros(remaining)} EUR of payment ${paymentId} can still be refunded` });
    }
    await lockFamilyAccounts(tx, ctx.database.dialect, payment.primary_api_key, [payment.primary_api_key]);
    const refunded = payment.refunded_micros + amount;
    const changed = await tx
      .updateTable('payments')
      .set({ refunded_micros: refunded, status: refunded === payment.amount_micros ? 'refunded' : 'settled', updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', paymentId)
      .where('refunded_micros', '=', payment.refunded_micros)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw new ProblemError({ status: 409, title: 'Conflict', detail: 'The payment changed meanwhile: try again' });
    const posting = { apiKey: payment.primary_api_key, primaryApiKey: payment.primary_api_key, kind: 'payment_refund' as const, amountMicros: -amount, reference: payment.id, actor: 'operator' };
    const balanceAfter = force ? await postLedgerEntry(tx, ctx.clock, posting) : await debitWithinLimit(tx, ctx.clock, posting);
    if (balanceAfter === null) {
      throw new ProblemError({
        status: 422,
        title: 'Below the credit limit',
        detail: `Refunding ${microsToEuros(amount)} EUR would take the balance below the credit limit: --force refunds anyway`,
      });
    }
    await recordActivity(tx, ctx.clock, author, {
      kind: 'payment.refunded',
      primaryApiKey: payment.primary_api_key,
      apiKey: payment.primary_api_key,
      objectId: payment.id,
      changes: [
        { field: 'amount', before: null, after: microsToEuros(amount) },
        { field: 'balance', before: microsToEuros(balanceAfter + amount), after: microsToEuros(balanceAfter) },
      ],
    });
    return { payment, amount, refundedBefore: payment.refunded_micros };
  });
  if (refund.payment.processor_ref) {
    try {
      await ctx.payments.refund({ idempotencyKey: `refund:${paymentId}:${refund.refundedBefore}`, chargeRef: refund.payment.processor_ref, amountMicros: refund.amount });
    } catch (error) {
      await reverseRefund(ctx, refund.payment, refund.amount, refund.refundedBefore);
      throw error;
    }
  }
  // Only once the money is really given back: a refund the processor refused must leave no numbered credit note.
  await issueCreditNote(ctx, paymentId, refund.amount, refund.refundedBefore);
  return ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();
}

async function reverseRefund(ctx: AppContext, payment: Payment, amount: number, refundedBefore: number): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, payment.primary_api_key, [payment.primary_api_key]);
    await tx.updateTable('payments').set({ refunded_micros: refundedBefore, status: 'settled' }).where('id', '=', payment.id).execute();
    await postLedgerEntry(tx, ctx.clock, { apiKey: payment.primary_api_key, primaryApiKey: payment.primary_api_key, kind: 'payment_refund', amountMicros: amount, reference: payment.id, actor: 'operator' });
  });
}

/**
 * The reconcile job's work: payments held for review are asked again (they settle or fail), and a
 * payment left `processing` (its request died before the outcome was applied) is finished.
 */
export async function reconcilePayments(ctx: AppContext, author: ActivityAuthor, staleBefore: string): Promise<{ settled: number; failed: number; open: number }> {
  const open = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('method_type', '!=', 'bank_transfer')]),
        eb.and([eb('status', '=', 'processing'), eb('updated_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('created_at')
    .limit(1000)
    .execute();
  const counts = { settled: 0, failed: 0, open: 0 };
  for (const payment of open) {
    const done =
      payment.status === 'processing'
        ? await processPayment(ctx, payment, author, true)
        : payment.processor_ref
          ? await applyOutcome(ctx, payment.id, await ctx.payments.chargeStatus(payment.processor_ref), author)
          : payment;
    if (done.status === 'settled') counts.settled++;
    else if (done.status === 'failed') counts.failed++;
    else counts.open++;
  }
  return counts;
}

export function listPayments(ctx: AppContext, primaryApiKey: string, limit: number): Promise<Payment[]> {
  return ctx.db.selectFrom('payments').selectAll().where('primary_api_key', '=', primaryApiKey).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
