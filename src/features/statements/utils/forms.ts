import { z } from 'zod';
import { exportFormats, exportQuerySchema, monthSchema, statementFormats, type ExportQuery } from '../../../../contract/statements.js';

/** How an optional API-key field is typed into: a key, not a word to correct or remember. */
export const apiKeyInput = { placeholder: 'API key', spellCheck: false, autoComplete: 'off' } as const;

const apiKeyField = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value === '' || /^[0-9a-f]{8}$/.test(value), 'An API key is 8 lowercase hexadecimal characters');

/** The statement form: a month, optionally one account (empty: the whole family), PDF or CSV. */
export const statementFormSchema = z.object({
  month: monthSchema,
  api_key: apiKeyField,
  format: z.enum(statementFormats),
});
export type StatementFormValues = z.input<typeof statementFormSchema>;

/** The month before `now`'s (UTC), as YYYY-MM: the last closed statement. */
export function lastClosedMonth(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

const day = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Enter a date');
const startOfDay = (value: string) => (value ? `${value}T00:00:00.000Z` : undefined);
// "To" is inclusive for the person choosing it: up to the end of that day (UTC).
const endOfDay = (value: string) => (value ? new Date(new Date(`${value}T00:00:00.000Z`).getTime() + 86_400_000).toISOString() : undefined);

/** The export form's fields (plain strings, dates YYYY-MM-DD), checked by the contract's own query schema. */
export const exportFormSchema = z
  .object({ from: day, to: day, api_key: apiKeyField, format: z.enum(exportFormats) })
  .superRefine((values, context) => {
    if (values.from && values.to && values.from > values.to) context.addIssue({ code: 'custom', path: ['to'], message: 'Choose a day on or after the start' });
  })
  .transform((values): ExportQuery => ({ format: values.format, from: startOfDay(values.from), to: endOfDay(values.to), api_key: values.api_key || undefined }))
  .pipe(exportQuerySchema);
export type ExportFormValues = z.input<typeof exportFormSchema>;
