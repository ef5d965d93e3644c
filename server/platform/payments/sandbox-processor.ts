import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../clock.js';
import { MINUTE } from '../clock.js';
import type { ChargeOutcome, ChargeRequest, DeclineCode, PaymentProcessor, StoredCard } from './processor.js';
import { declineMessages } from './processor.js';

/** Where the sandbox serves its hosted field and its PayPal pages: a path of its own, as a third party's host. */
export const SANDBOX_PREFIX = '/sandbox-processor';

/** How long a charge held for review waits before it settles or is declined. */
export const SANDBOX_REVIEW_MS = 30 * MINUTE;

const sandboxId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;
export const newSandboxToken = () => sandboxId('tok_sbx');

/**
 * The built-in sandbox processor: faithful enough to exercise every path (success, both declines,
 * review settling later, PayPal approval, refunds), with its own records in the sandbox_* tables.
 * It talks to the database outside Switchboard's transactions, as a remote processor would.
 */
export function createSandboxProcessor(db: Db, clock: Clock): PaymentProcessor {
  const now = () => clock.now().toISOString();

  const outcomeOf = (charge: { id: string; status: string; decline_code: string | null }): ChargeOutcome => {
    if (charge.status === 'succeeded') return { status: 'succeeded', chargeRef: charge.id };
    if (charge.status === 'review') return { status: 'review', chargeRef: charge.id };
    const code = (charge.decline_code ?? 'processing_error') as DeclineCode;
    return { status: 'declined', chargeRef: charge.id, code, message: declineMessages[code] };
  };

  async function behaviourOfCard(on: Db, processorRef: string): Promise<{ status: 'succeeded' | 'review' | 'declined'; decline_code: DeclineCode | null; review_outcome: 'succeeded' | 'declined' | null }> {
    const card = await on.selectFrom('sandbox_cards').select('behaviour').where('token', '=', processorRef).executeTakeFirst();
    if (!card) return { status: 'declined', decline_code: 'processing_error', review_outcome: null };
    switch (card.behaviour) {
      case 'decline_insufficient_funds':
        return { status: 'declined', decline_code: 'insufficient_funds', review_outcome: null };
      case 'decline_do_not_honor':
        return { status: 'declined', decline_code: 'do_not_honor', review_outcome: null };
      case 'review_then_settle':
        return { status: 'review', decline_code: null, review_outcome: 'succeeded' };
      case 'review_then_decline':
        return { status: 'review', decline_code: null, review_outcome: 'declined' };
      default:
        return { status: 'succeeded', decline_code: null, review_outcome: null };
    }
  }

  /** One charge per idempotency key: the first request writes it, a repeat (or a twin that lost the race) reads it. */
  async function charge(on: Db, request: ChargeRequest): Promise<ChargeOutcome> {
    const result = request.method.type === 'paypal' ? { status: 'succeeded' as const, decline_code: null, review_outcome: null } : await behaviourOfCard(on, request.method.processorRef);
    const written = await on
      .insertInto('sandbox_charges')
      .values({
        id: sandboxId('ch_sbx'),
        idempotency_key: request.idempotencyKey,
        source: request.method.processorRef,
        amount_micros: request.amountMicros,
        status: result.status,
        decline_code: result.decline_code,
        review_outcome: result.review_outcome,
        review_until: result.status === 'review' ? new Date(clock.now().getTime() + SANDBOX_REVIEW_MS).toISOString() : null,
        created_at: now(),
      })
      .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
      .returning(['id', 'status', 'decline_code'])
      .executeTakeFirst();
    return outcomeOf(written ?? (await on.selectFrom('sandbox_charges').selectAll().where('idempotency_key', '=', request.idempotencyKey).executeTakeFirstOrThrow()));
  }

  return {
    name: 'sandbox',

    clientConfig: () => ({ processor: 'sandbox', tokenize_url: `${SANDBOX_PREFIX}/v1/tokens` }),

    async storeCard(token): Promise<StoredCard | null> {
      const card = await db.selectFrom('sandbox_cards').selectAll().where('token', '=', token).executeTakeFirst();
      if (!card) return null;
      return { processorRef: card.token, fingerprint: card.fingerprint, brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
    },

    async startPayPal(returnPath) {
      const id = sandboxId('pp');
      await db.insertInto('sandbox_paypal_sessions').values({ id, return_url: returnPath, status: 'created', payer_id: null, payer_email: null, created_at: now() }).execute();
      return { sessionId: id, approveUrl: `${SANDBOX_PREFIX}/paypal/approve?session=${encodeURIComponent(id)}` };
    },

    async finishPayPal(sessionId) {
      const session = await db.selectFrom('sandbox_paypal_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
      if (!session || session.status === 'created' || session.status === 'used') return null;
      if (session.status === 'denied') return 'denied';
      const used = await db.updateTable('sandbox_paypal_sessions').set({ status: 'used' }).where('id', '=', sessionId).where('status', '=', 'approved').executeTakeFirst();
      if (Number(used.numUpdatedRows) === 0 || !session.payer_id || !session.payer_email) return null;
      return { processorRef: `ba_${session.payer_id}`, fingerprint: session.payer_id, email: session.payer_email };
    },

    charge: (request) => charge(db, request),

    // Its records are in our database: a charge can be written in the payment's own transaction.
    chargeInTransaction: (tx, request) => charge(tx, request),

    async chargeStatus(chargeRef) {
      const charge = await db.selectFrom('sandbox_charges').selectAll().where('id', '=', chargeRef).executeTakeFirst();
      if (!charge) return { status: 'declined', chargeRef, code: 'processing_error', message: declineMessages.processing_error };
      if (charge.status === 'review' && charge.review_until && charge.review_until <= now()) {
        const declined = charge.review_outcome === 'declined';
        await db
          .updateTable('sandbox_charges')
          .set({ status: declined ? 'declined' : 'succeeded', decline_code: declined ? 'review_declined' : null })
          .where('id', '=', chargeRef)
          .where('status', '=', 'review')
          .execute();
        return outcomeOf(await db.selectFrom('sandbox_charges').selectAll().where('id', '=', chargeRef).executeTakeFirstOrThrow());
      }
      return outcomeOf(charge);
    },

    async refund({ chargeRef, amountMicros }) {
      const refunded = await db
        .updateTable('sandbox_charges')
        .set((eb) => ({ refunded_micros: eb('refunded_micros', '+', amountMicros) }))
        .where('id', '=', chargeRef)
        .where('status', '=', 'succeeded')
        .where((eb) => eb(eb('refunded_micros', '+', amountMicros), '<=', eb.ref('amount_micros')))
        .executeTakeFirst();
      if (Number(refunded.numUpdatedRows) === 0) throw new Error(`sandbox refused the refund of ${chargeRef}`);
    },
  };
}
