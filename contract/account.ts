import { z } from 'zod';

export const accountSummarySchema = z.object({
  api_key: z.string(),
  company_name: z.string(),
  balance: z.number(),
  credit_limit: z.number(),
  available: z.number(),
  demo: z.boolean(),
  created_at: z.string(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;
