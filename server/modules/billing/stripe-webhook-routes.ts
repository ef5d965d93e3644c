import type { FastifyPluginAsync } from 'fastify';
import Stripe from 'stripe';
import type { AppContext } from '../../context.js';
import { systemAuthor } from '../../platform/activity/author.js';
import { outcomeOfIntent } from '../../platform/payments/stripe-processor.js';
import { ProblemError } from '../../platform/problems.js';
import { applyOutcome } from './payments.js';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/** The events that end a payment Stripe held (processing, or waiting on the bank): settled or failed. */
const settling = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed']);

const badSignature = () =>
  new ProblemError({ status: 400, title: 'Invalid signature', detail: 'The Stripe-Signature header is missing or does not sign this body with the endpoint secret.' });

/**
 * Stripe's signed events (PAYMENT_PROCESSOR=stripe only). The raw body is verified with the SDK and
 * STRIPE_WEBHOOK_SECRET before anything is read; a payment still open settles or fails through
 * applyOutcome, whose guarded status change makes a repeated or late event change nothing.
 */
export const stripeWebhookRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  // The signature covers the exact bytes Stripe sent: this route alone reads its body unparsed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const author = systemAuthor('stripe-webhook');

  app.post(
    STRIPE_WEBHOOK_PATH,
    { config: { access: { auth: 'none' } }, schema: { tags: ['billing'], summary: "Stripe's signed webhook events (payment intents that settle or fail later)" } },
    async (request) => {
      const signature = request.headers['stripe-signature'];
      const secret = ctx.config.STRIPE_WEBHOOK_SECRET;
      if (!secret || typeof signature !== 'string' || !Buffer.isBuffer(request.body)) throw badSignature();
      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(request.body, signature, secret);
      } catch {
        throw badSignature();
      }
      if (settling.has(event.type)) await settle(event.data.object as Stripe.PaymentIntent);
      return { received: true };
    },
  );

  /** The payment the intent was made for (its metadata names it), if it is a card payment of ours for that amount. */
  async function settle(intent: Stripe.PaymentIntent): Promise<void> {
    const paymentId = intent.metadata?.payment_id;
    if (!paymentId) return;
    const payment = await ctx.db.selectFrom('payments').select(['id', 'method_type', 'amount_micros', 'processor_ref']).where('id', '=', paymentId).executeTakeFirst();
    if (!payment || payment.method_type !== 'card' || payment.amount_micros !== intent.amount * 10_000) return;
    if (payment.processor_ref !== null && payment.processor_ref !== intent.id) return;
    const outcome = outcomeOfIntent(intent);
    if (outcome.status !== 'review') await applyOutcome(ctx, payment.id, outcome, author);
  }
};
