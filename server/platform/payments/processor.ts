import type { Tx } from '../../db/database.js';

/**
 * The payment processor behind billing. Card numbers never reach Switchboard: the console's card form
 * sends them to the processor's own hosted field, and our API only ever handles the token it returns.
 * Two implementations, chosen by PAYMENT_PROCESSOR: the built-in sandbox (the default) and Stripe.
 */
export type ProcessorName = 'sandbox' | 'stripe';

/** Why a charge was refused; `do_not_honor` and a failed review must never be retried automatically. */
export type DeclineCode = 'insufficient_funds' | 'do_not_honor' | 'review_declined' | 'processing_error';

export const retryableDeclines: ReadonlySet<DeclineCode> = new Set(['insufficient_funds', 'processing_error']);

export interface StoredCard {
  /** What charges name the card by (a sandbox token, a Stripe PaymentMethod id). */
  processorRef: string;
  /** The processor's fingerprint of the card number: the same card always has the same one. */
  fingerprint: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface StoredPayPal {
  processorRef: string;
  /** The PayPal payer id: one PayPal account, whatever its e-mail. */
  fingerprint: string;
  email: string;
}

export type ChargeOutcome =
  | { status: 'succeeded'; chargeRef: string }
  /** Held for review: it settles or fails later (chargeStatus tells). */
  | { status: 'review'; chargeRef: string }
  | { status: 'declined'; chargeRef: string | null; code: DeclineCode; message: string };

export interface ChargeRequest {
  /** The processor applies one charge per key, however often it is asked: our payment's id. */
  idempotencyKey: string;
  method: { type: 'card' | 'paypal'; processorRef: string };
  amountMicros: number;
  /** Charged without the customer present (auto-reload): a processor may ask for less interaction. */
  offSession: boolean;
  description: string;
}

/** What the console needs to tokenise a card with this processor. */
export interface ProcessorClientConfig {
  processor: ProcessorName;
  /** Where the card form posts the number (the processor's hosted field), never our API. */
  tokenize_url: string;
  /** Stripe: the publishable key its client side tokenises with (STRIPE_PUBLISHABLE_KEY). */
  publishable_key?: string;
}

export interface PaymentProcessor {
  readonly name: ProcessorName;
  clientConfig(): ProcessorClientConfig;
  /**
   * Keeps the card a hosted-field token stands for, for the account (`accountId`, its primary's API key:
   * Stripe attaches the card to that account's Customer); null when the token is unknown or used.
   */
  storeCard(token: string, owner: { accountId: string }): Promise<StoredCard | null>;
  /**
   * Starts a PayPal approval (a processor without PayPal throws a ProblemError saying so): the browser goes to `approveUrl` and comes back to `returnPath` (a path
   * of the console; a remote processor puts PUBLIC_URL in front, the sandbox shares our host).
   */
  startPayPal(returnPath: string): Promise<{ sessionId: string; approveUrl: string }>;
  /** The PayPal account the customer approved, 'denied', or null for an unknown or used session. */
  finishPayPal(sessionId: string): Promise<StoredPayPal | 'denied' | null>;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /**
   * Only a processor whose records live in our own database (the sandbox): the charge written in the
   * payment's transaction, so the payment, its charge and its outcome commit together or not at all.
   * A remote processor cannot; its payment is recorded (committed) before it is asked.
   */
  chargeInTransaction?(tx: Tx, request: ChargeRequest): Promise<ChargeOutcome>;
  /** The charge's state now: a charge in review settles or fails later. */
  chargeStatus(chargeRef: string): Promise<ChargeOutcome>;
  refund(request: { idempotencyKey: string; chargeRef: string; amountMicros: number }): Promise<void>;
}

export const declineMessages: Record<DeclineCode, string> = {
  insufficient_funds: 'The card was declined: insufficient funds. Try again later or use another method.',
  do_not_honor: 'The card was declined (do not honour). The bank refused it: use another method or contact your bank.',
  review_declined: 'The payment was declined after review. Use another method or contact your bank.',
  processing_error: 'The payment processor could not complete the payment. Try again shortly.',
};
