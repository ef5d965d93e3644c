import { z } from 'zod';

export const SPEND_DAYS = 30;

/** Spend at a glance: the family's (or one account's, `api_key`) spend of the last 30 days. */
export const spendQuerySchema = z.object({
  api_key: z
    .string()
    .regex(/^[0-9a-f]{8}$/, 'An API key is 8 lowercase hexadecimal characters')
    .optional(),
});
export type SpendQuery = z.infer<typeof spendQuerySchema>;

/** What is charged, by product: SMS (`usage`), numbers (`number_setup`, `number_rental`). */
export const spendProducts = ['sms', 'numbers'] as const;
export type SpendProduct = (typeof spendProducts)[number];

export const spendSchema = z.object({
  /** UTC days, oldest first, every day present (0 when nothing was spent). Amounts are euros. */
  days: z.array(
    z.object({
      day: z.string(),
      sms: z.number(),
      numbers: z.number(),
      total: z.number(),
      /** Spend per account (`accounts` below), the rest under `other`. */
      by_account: z.record(z.string(), z.number()),
    }),
  ),
  /** The accounts that spent most in the period (at most 5; the rest are `other`), biggest first. */
  accounts: z.array(z.object({ api_key: z.string(), name: z.string() })),
  total: z.number(),
  /** The destinations messages went to most in the period. */
  countries: z.array(z.object({ country: z.string(), messages: z.number().int(), spend: z.number() })),
  /** Sent messages whose outcome is known: delivered (or accepted, before receipts) against all of them. */
  messages: z.object({ finished: z.number().int(), successful: z.number().int(), success_rate: z.number().nullable() }),
});
export type Spend = z.infer<typeof spendSchema>;
