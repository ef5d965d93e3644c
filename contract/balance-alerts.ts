import { z } from 'zod';
import { euroAmountSchema } from './money-schema.js';
import { emailSchema } from './password.js';

export const MAX_ALERT_RECIPIENTS = 5;
export const MAX_ALERT_THRESHOLD_EUR = 100_000;

/** An account's "Invoice & balance alerts" settings (amounts in EUR on the wire). */
export const balanceAlertSchema = z.object({
  api_key: z.string(),
  enabled: z.boolean(),
  threshold: z.number(),
  /** Who gets the alert (and invoices); the family owner's e-mail until someone changes it. */
  recipients: z.array(z.string()),
  /** Whether the balance is below the threshold and this crossing's e-mail went out (re-armed when it recovers). */
  alerted_at: z.string().nullable(),
});
export type BalanceAlert = z.infer<typeof balanceAlertSchema>;

export const balanceAlertParamsSchema = z.object({ api_key: z.string().min(1).max(64) });

export const updateBalanceAlertRequestSchema = z.object({
  enabled: z.boolean({ message: 'Say whether the alert is on' }),
  threshold: euroAmountSchema({ min: 0, max: MAX_ALERT_THRESHOLD_EUR, label: 'a threshold' }),
  recipients: z
    .array(emailSchema, { message: 'Add at least one e-mail address' })
    .min(1, 'Add at least one e-mail address')
    .max(MAX_ALERT_RECIPIENTS, `At most ${MAX_ALERT_RECIPIENTS} e-mail addresses`)
    .refine((list) => new Set(list).size === list.length, 'Each e-mail address only once'),
});
export type UpdateBalanceAlertRequest = z.input<typeof updateBalanceAlertRequestSchema>;

/** When the balance runs down to the threshold and to zero at the average daily spend of the last days. */
export const runwaySchema = z.object({
  api_key: z.string(),
  /** The account whose balance pays (a shared-balance subaccount spends its primary's). */
  payer_api_key: z.string(),
  balance: z.number(),
  /** The payer's alert threshold, when its alert is on. */
  threshold: z.number().nullable(),
  window_days: z.number().int(),
  /** Average spend per day over the window (EUR, ≥ 0); 0: no recent spend. */
  daily_spend: z.number(),
  /** Null: no recent spend, or the threshold is not set; equal to `as_of` when already reached. */
  threshold_at: z.string().nullable(),
  zero_at: z.string().nullable(),
  days_to_threshold: z.number().nullable(),
  days_to_zero: z.number().nullable(),
  as_of: z.string(),
});
export type Runway = z.infer<typeof runwaySchema>;
