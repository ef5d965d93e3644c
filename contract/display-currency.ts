import { z } from 'zod';

export const displayCurrencies = ['EUR', 'USD'] as const;
export const displayCurrencySchema = z.enum(displayCurrencies, { message: 'Choose EUR or USD' });

/** The signed-in user's display currency and the rate USD amounts are shown at (charges stay in EUR). */
export const displayPreferenceSchema = z.object({
  currency: displayCurrencySchema,
  usd_rate: z.object({
    /** US dollars per euro. */
    usd_per_eur: z.number(),
    /** The day the operator's rate applies from (YYYY-MM-DD). */
    effective_on: z.string(),
  }),
});
export type DisplayPreference = z.infer<typeof displayPreferenceSchema>;

export const updateDisplayPreferenceRequestSchema = z.object({ currency: displayCurrencySchema });
export type UpdateDisplayPreferenceRequest = z.infer<typeof updateDisplayPreferenceRequestSchema>;
