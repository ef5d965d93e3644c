import { z } from 'zod';

export const accountSummarySchema = z.object({
  api_key: z.string(),
  company_name: z.string(),
  balance: z.number(),
  /** The account's own credit limit now: the agreed one less what it lent to subaccounts (≤ 0). */
  credit_limit: z.number(),
  /** Credit limit given to subaccounts by credit transfers (≥ 0): agreed limit = credit_limit − credit_lent. */
  credit_lent: z.number(),
  available: z.number(),
  demo: z.boolean(),
  created_at: z.string(),
  /** False until the account's first successful API call: the console shows "Getting started" until then. */
  has_successful_api_call: z.boolean(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const apiCallSchema = z.object({
  api_key: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  created_at: z.string(),
});
export type ApiCall = z.infer<typeof apiCallSchema>;

export const apiCallListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });
export const apiCallListSchema = z.object({ api_calls: z.array(apiCallSchema) });
export type ApiCallList = z.infer<typeof apiCallListSchema>;
