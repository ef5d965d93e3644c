import Stripe from 'stripe';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../clock.js';
import { ProblemError } from '../problems.js';
import type { ChargeOutcome, DeclineCode, PaymentProcessor, StoredCard } from './processor.js';
import { declineMessages } from './processor.js';

/** Stripe charges in cents; our amounts are micro-euros (top-ups are whole cents, the contract says so). */
const MICROS_PER_CENT = 10_000;

/** The Stripe SDK as configured: api.stripe.com, or the local double the tests name by host/port/protocol. */
export function createStripeClient(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_API_HOST' | 'STRIPE_API_PORT' | 'STRIPE_API_PROTOCOL'>): Stripe {
  if (!config.STRIPE_SECRET_KEY) throw new Error('PAYMENT_PROCESSOR=stripe needs STRIPE_SECRET_KEY');
  return new Stripe(config.STRIPE_SECRET_KEY, {
    ...(config.STRIPE_API_HOST ? { host: config.STRIPE_API_HOST } : {}),
    ...(config.STRIPE_API_PORT ? { port: config.STRIPE_API_PORT } : {}),
    ...(config.STRIPE_API_PROTOCOL ? { protocol: config.STRIPE_API_PROTOCOL } : {}),
    // A charge that times out is not retried here: the payment stays `processing` and the reconcile
    // job asks again with the same idempotency key, so Stripe answers with the first attempt's result.
    maxNetworkRetries: 0,
    timeout: 20_000,
    telemetry: false,
  });
}

/** Where the console's card form would send the card (Stripe's own API, with the publishable key): never our API. */
function tokenizeUrl(config: Pick<Config, 'STRIPE_API_HOST' | 'STRIPE_API_PORT' | 'STRIPE_API_PROTOCOL'>): string {
  const protocol = config.STRIPE_API_PROTOCOL ?? 'https';
  const port = config.STRIPE_API_PORT ? `:${config.STRIPE_API_PORT}` : '';
  return `${protocol}://${config.STRIPE_API_HOST ?? 'api.stripe.com'}${port}/v1/payment_methods`;
}

/** Issuers' answers worth trying again later; every other decline means "use another card". */
const retryLater = new Set(['processing_error', 'try_again_later', 'issuer_not_available', 'reenter_transaction', 'approve_with_id', 'rate_limit']);

/** Stripe's decline code (or error code, when it gives none) as ours. */
export function declineCodeOf(stripeCode: string | null | undefined): DeclineCode {
  if (stripeCode === 'insufficient_funds') return 'insufficient_funds';
  if (!stripeCode || retryLater.has(stripeCode)) return 'processing_error';
  return 'do_not_honor';
}

const declined = (chargeRef: string | null, code: DeclineCode, message = declineMessages[code]): ChargeOutcome => ({ status: 'declined', chargeRef, code, message });

/** A PaymentIntent's state as a charge outcome: still moving (processing, or waiting on the bank) is review. */
export function outcomeOfIntent(intent: Pick<Stripe.PaymentIntent, 'id' | 'status' | 'last_payment_error'>): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', chargeRef: intent.id };
    case 'processing':
    case 'requires_action':
    case 'requires_confirmation':
    case 'requires_capture':
      return { status: 'review', chargeRef: intent.id };
    default: {
      // requires_payment_method (the attempt failed) or canceled.
      const error = intent.last_payment_error;
      if (!error) return declined(intent.id, 'review_declined');
      return declined(intent.id, declineCodeOf(error.decline_code ?? error.code));
    }
  }
}

const cardBrands: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay', cartes_bancaires: 'Cartes Bancaires' };

const unavailable = () =>
  new ProblemError({
    status: 503,
    title: 'Payment processor unavailable',
    detail: 'The payment processor did not answer. If a payment was started it is checked again within minutes: see the billing history before trying again.',
    headers: { 'retry-after': '60' },
  });

export const payPalUnavailable = () =>
  new ProblemError({ status: 422, title: 'PayPal not available', detail: 'PayPal is not available with this processor: add a card or pay by bank transfer.' });

/** A Stripe error that says "no such object" (a card id that is unknown, or not ours). */
const isMissing = (error: unknown) => error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === 'resource_missing' || error.statusCode === 404);

/** Errors that say nothing about the card: Stripe unreachable, failing, limiting us, or refusing our key. */
const isOutage = (error: unknown) =>
  error instanceof Stripe.errors.StripeConnectionError ||
  error instanceof Stripe.errors.StripeAPIError ||
  error instanceof Stripe.errors.StripeRateLimitError ||
  error instanceof Stripe.errors.StripeAuthenticationError ||
  error instanceof Stripe.errors.StripeIdempotencyError;

/**
 * Stripe behind PaymentProcessor: each account's cards hang off one Stripe Customer (stripe_customers);
 * a card arrives as a PaymentMethod id tokenised by Stripe's own client (Elements, or a SetupIntent's
 * payment_method) and is attached to that Customer; one-click and auto-reload top-ups are off-session
 * PaymentIntents confirmed at once, with our payment's id as Stripe's idempotency key; refunds likewise.
 * PayPal is not offered through Stripe here.
 */
export function createStripeProcessor(config: Config, db: Db, clock: Clock, stripe: Stripe = createStripeClient(config)): PaymentProcessor {
  async function customerOf(accountId: string): Promise<string> {
    const known = await db.selectFrom('stripe_customers').select('customer_id').where('primary_api_key', '=', accountId).executeTakeFirst();
    if (known) return known.customer_id;
    // Twins adding their first card at once get the same Customer: Stripe answers a repeated key with the first answer.
    const customer = await stripe.customers.create({ metadata: { switchboard_account: accountId } }, { idempotencyKey: `customer-${accountId}` });
    await db
      .insertInto('stripe_customers')
      .values({ primary_api_key: accountId, customer_id: customer.id, created_at: clock.now().toISOString() })
      .onConflict((conflict) => conflict.column('primary_api_key').doNothing())
      .execute();
    return (await db.selectFrom('stripe_customers').select('customer_id').where('primary_api_key', '=', accountId).executeTakeFirstOrThrow()).customer_id;
  }

  /** A PaymentMethod of ours (attached to a Customer), or null when Stripe does not know it. */
  async function paymentMethod(id: string): Promise<Stripe.PaymentMethod | null> {
    try {
      return await stripe.paymentMethods.retrieve(id);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  const customerIdOf = (method: Stripe.PaymentMethod) => (typeof method.customer === 'string' ? method.customer : (method.customer?.id ?? null));

  async function storeCard(token: string, owner: { accountId: string }): Promise<StoredCard | null> {
    if (!/^pm_[A-Za-z0-9_]{1,200}$/.test(token)) return null;
    let method = await paymentMethod(token);
    if (!method || method.type !== 'card' || !method.card) return null;
    const customer = await customerOf(owner.accountId);
    const attachedTo = customerIdOf(method);
    // A PaymentMethod attached to another Customer is another account's card: unknown here.
    if (attachedTo && attachedTo !== customer) return null;
    if (!attachedTo) method = await stripe.paymentMethods.attach(method.id, { customer });
    const card = method.card;
    if (!card) return null;
    return {
      processorRef: method.id,
      // Stripe gives every card number one fingerprint; without one, the card is only itself.
      fingerprint: card.fingerprint ?? method.id,
      brand: cardBrands[card.brand] ?? card.brand,
      last4: card.last4,
      expMonth: card.exp_month,
      expYear: card.exp_year,
    };
  }

  return {
    name: 'stripe',

    clientConfig: () => ({ processor: 'stripe', tokenize_url: tokenizeUrl(config), ...(config.STRIPE_PUBLISHABLE_KEY ? { publishable_key: config.STRIPE_PUBLISHABLE_KEY } : {}) }),

    async storeCard(token, owner) {
      try {
        return await storeCard(token, owner);
      } catch (error) {
        if (isOutage(error)) throw unavailable();
        // Stripe refused the attachment (an expired or unusable card): the card form asks for it again.
        if (error instanceof Stripe.errors.StripeError) return null;
        throw error;
      }
    },

    async startPayPal() {
      throw payPalUnavailable();
    },

    async finishPayPal() {
      throw payPalUnavailable();
    },

    async charge(request) {
      if (request.method.type === 'paypal') return declined(null, 'do_not_honor', 'PayPal is not available with this processor: use a card.');
      if (request.amountMicros % MICROS_PER_CENT !== 0) return declined(null, 'do_not_honor', 'Card payments are in whole cents: choose another amount.');
      try {
        const method = await paymentMethod(request.method.processorRef);
        const customer = method && customerIdOf(method);
        if (!method || !customer) return declined(null, 'do_not_honor', 'This card is no longer available at the payment processor: add it again.');
        // The customer is never asked to authenticate here (no card form is open): Stripe charges the card
        // as agreed when it was saved, or declines with `authentication_required`.
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amountMicros / MICROS_PER_CENT,
            currency: 'eur',
            customer,
            payment_method: method.id,
            off_session: true,
            confirm: true,
            description: request.description,
            metadata: { payment_id: request.idempotencyKey },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return outcomeOfIntent(intent);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) return declined(error.payment_intent?.id ?? null, declineCodeOf(error.decline_code ?? error.code));
        if (isOutage(error)) throw unavailable();
        throw error;
      }
    },

    async chargeStatus(chargeRef) {
      try {
        return outcomeOfIntent(await stripe.paymentIntents.retrieve(chargeRef));
      } catch (error) {
        if (isMissing(error)) return declined(chargeRef, 'processing_error');
        throw error;
      }
    },

    async refund({ idempotencyKey, chargeRef, amountMicros }) {
      if (amountMicros % MICROS_PER_CENT !== 0) throw new Error(`Stripe refunds whole cents, not ${amountMicros} micro-euros`);
      await stripe.refunds.create({ payment_intent: chargeRef, amount: amountMicros / MICROS_PER_CENT }, { idempotencyKey });
    },
  };
}
