import { z } from 'zod';
import { TOP_UP_MAX, TOP_UP_MIN } from './billing.js';
import { euroAmountSchema } from './money-schema.js';

/** The highest balance threshold auto-reload takes (EUR). */
export const MAX_AUTO_RELOAD_THRESHOLD_EUR = 100_000;
/** The threshold and amount offered before anyone sets them (the amount: the last top-up's, if any). */
export const DEFAULT_AUTO_RELOAD_THRESHOLD_EUR = 10;
export const DEFAULT_AUTO_RELOAD_AMOUNT_EUR = 20;

/**
 * Auto-reload's states (DESIGN §2, issue 12): off → armed → charging → armed, or → failing(n) → paused.
 * - armed: the job checks the balance every 10 minutes and charges the amount once it is below the threshold;
 * - charging: a reload payment is with the processor (or held for review);
 * - failing: the last reload was declined with a retryable code; retried after a back-off;
 * - paused: declined "do not retry", or too many declines in a row; nothing is charged until a new method or "resume".
 */
export const autoReloadStates = ['off', 'armed', 'charging', 'failing', 'paused'] as const;
export type AutoReloadState = (typeof autoReloadStates)[number];

export const autoReloadSchema = z.object({
  state: z.enum(autoReloadStates),
  /** The stored card or PayPal account it charges; null until one is chosen. */
  method_id: z.string().nullable(),
  method_label: z.string().nullable(),
  amount: z.number(),
  threshold: z.number(),
  /** Declines in a row (failing(n)); 0 otherwise. */
  failures: z.number().int(),
  /** While failing: when the next attempt may be made. */
  retry_at: z.string().nullable(),
  /** The last decline, while failing or paused. */
  last_failure: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  /** The last reload that settled. */
  last_reload: z.object({ payment_id: z.string(), amount: z.number(), at: z.string() }).nullable(),
  /** The stored cards and PayPal accounts it can charge. */
  methods: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type AutoReload = z.infer<typeof autoReloadSchema>;

export const updateAutoReloadRequestSchema = z.object({
  enabled: z.boolean({ message: 'Say whether auto-reload is on' }),
  method_id: z.string({ message: 'Choose a payment method' }).min(1, 'Choose a payment method').max(100),
  /** Like a top-up: whole cents from €10 to €10 000 (a number, or a form field's text); micro-euros once parsed. */
  amount: euroAmountSchema({ min: TOP_UP_MIN, max: TOP_UP_MAX, label: 'an amount' }).refine((micros) => micros % 10_000 === 0, 'Whole cents only'),
  threshold: euroAmountSchema({ min: 0, max: MAX_AUTO_RELOAD_THRESHOLD_EUR, label: 'a balance threshold' }),
});
export type UpdateAutoReloadRequest = z.input<typeof updateAutoReloadRequestSchema>;

/** The decline codes the console words itself ("card declined (do not honour)"). */
export const declineWords: Record<string, string> = {
  insufficient_funds: 'insufficient funds',
  do_not_honor: 'do not honour',
  review_declined: 'declined after review',
  processing_error: 'processing error',
};

/** Deleting the method auto-reload charges needs another one for it, chosen in the same step. */
export const deleteMethodQuerySchema = z.object({ auto_reload_method_id: z.string().min(1).max(100).optional() });
