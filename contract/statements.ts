import { z } from 'zod';

/** The files "Download transactions" and "Download account activity" come as. */
export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const apiKeySchema = z.string().regex(/^[0-9a-f]{8}$/, 'An API key is 8 lowercase hexadecimal characters');
const instantSchema = z.iso.datetime({ offset: true, message: 'A date and time in ISO 8601, e.g. 2026-12-01T00:00:00Z' });

/**
 * An export's filters: entries written in `[from, to)`, about one account of the family (`api_key`:
 * its own entries and the usage it caused on its primary's balance), as .xlsx or CSV.
 */
export const exportQuerySchema = z
  .object({
    format: z.enum(exportFormats, { message: 'Choose xlsx or csv' }),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    api_key: apiKeySchema.optional(),
  })
  .refine((query) => !query.from || !query.to || new Date(query.from) < new Date(query.to), { message: 'The end comes after the start', path: ['to'] });
export type ExportQuery = z.input<typeof exportQuerySchema>;

/** A calendar month, UTC: `2026-11`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM, e.g. 2026-11');

export const statementFormats = ['pdf', 'csv'] as const;
export type StatementFormat = (typeof statementFormats)[number];

export const statementParamsSchema = z.object({ month: monthSchema });
export const statementFileQuerySchema = z.object({ format: z.enum(statementFormats, { message: 'Choose pdf or csv' }) });

/**
 * One line of a statement: the entries of one kind on one account's balance, caused by `used_by` (a
 * subaccount sharing its primary's balance spends from it), per destination country for SMS, and per
 * direction (`amount` < 0 is money out). Amounts are euros.
 */
export const statementLineSchema = z.object({
  api_key: z.string(),
  used_by: z.string(),
  kind: z.string(),
  label: z.string(),
  section: z.enum(['money_in', 'usage', 'transfers']),
  country: z.string().nullable(),
  count: z.number().int(),
  amount: z.number(),
});
export type StatementLine = z.infer<typeof statementLineSchema>;

export const statementAccountSchema = z.object({
  api_key: z.string(),
  name: z.string(),
  /** False for a subaccount that spends from its primary's balance: it has no balance of its own. */
  own_balance: z.boolean(),
  opening_balance: z.number().nullable(),
  closing_balance: z.number().nullable(),
});

export const statementSchema = z.object({
  month: monthSchema,
  /** The period, `[from, to)` in ISO-8601 UTC. */
  from: z.string(),
  to: z.string(),
  primary_api_key: z.string(),
  company_name: z.string(),
  /** The subaccount a statement is limited to, or null for the family's. */
  api_key: z.string().nullable(),
  /** When it was computed: the `monthly-statements` job's run for a closed month, the request for another. */
  generated_at: z.string(),
  accounts: z.array(statementAccountSchema),
  lines: z.array(statementLineSchema),
  totals: z.object({
    opening_balance: z.number().nullable(),
    money_in: z.number(),
    usage: z.number(),
    transfers: z.number(),
    closing_balance: z.number().nullable(),
  }),
});
export type Statement = z.infer<typeof statementSchema>;
