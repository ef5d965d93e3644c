import { z } from 'zod';
import { emailSchema } from './password.js';

/** pending: a card payment in review (not downloadable yet); proforma: a bank transfer awaited; final: numbered; void: the payment failed. */
export const invoiceStatuses = ['pending', 'proforma', 'final', 'void'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export const invoiceKinds = ['invoice', 'credit_note'] as const;

export const invoiceStatusLabels: Record<InvoiceStatus, string> = { pending: 'Pending', proforma: 'Pro-forma', final: 'Final', void: 'Void' };

export const INVOICE_PAGE_SIZES = [20, 50, 100] as const;
/** How many documents one ZIP holds: the most one page shows. */
export const ARCHIVE_MAX = 100;

export const invoiceSchema = z.object({
  id: z.string(),
  kind: z.enum(invoiceKinds),
  status: z.enum(invoiceStatuses),
  /** INV-2026-000001 / CN-2026-000001 once final; null before. */
  number: z.string().nullable(),
  payment_id: z.string(),
  /** A credit note's invoice number. */
  credited_number: z.string().nullable(),
  /** The date of issue once final, else when it was created. */
  date: z.string(),
  /** A pending card invoice: when it is expected at the latest. */
  expected_at: z.string().nullable(),
  /** Gross, net and VAT in EUR. */
  amount: z.number(),
  net: z.number(),
  vat: z.number(),
  vat_treatment: z.enum(['reverse_charge', 'standard']),
  method_type: z.enum(['card', 'paypal', 'bank_transfer']),
  method_label: z.string(),
  payment_reference: z.string().nullable(),
  /** Whether its PDF can be downloaded: final documents and pro-formas. */
  downloadable: z.boolean(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .optional();

export const invoiceListQuerySchema = z.object({
  status: z.enum(invoiceStatuses).optional(),
  /** First and last day (UTC) of the invoices' dates, both included. */
  from: day,
  to: day,
  /** The invoice and credit notes of one payment (the billing history links here). */
  payment_id: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});
export type InvoiceListQuery = z.input<typeof invoiceListQuerySchema>;

export const invoiceListSchema = z.object({
  invoices: z.array(invoiceSchema),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
});
export type InvoiceList = z.infer<typeof invoiceListSchema>;

export const invoiceParamsSchema = z.object({ invoice_id: z.string().max(64) });

/** The documents of "download all shown", by id (comma-separated). */
export const invoiceArchiveQuerySchema = z.object({
  ids: z
    .string()
    .transform((value) => [...new Set(value.split(',').map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(64)).min(1, 'Name at least one invoice').max(ARCHIVE_MAX, `At most ${ARCHIVE_MAX} invoices at once`)),
});

export const invoiceSentSchema = z.object({ sent_to: z.string() });
export type InvoiceSent = z.infer<typeof invoiceSentSchema>;

/** Where invoices are e-mailed: the finance e-mail when set, else the owner's address. */
export const invoiceSettingsSchema = z.object({ finance_email: z.string().nullable(), account_email: z.string() });
export type InvoiceSettings = z.infer<typeof invoiceSettingsSchema>;

export const invoiceSettingsRequestSchema = z.object({
  finance_email: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(emailSchema.nullable())
    .nullable(),
});
export type InvoiceSettingsRequest = z.input<typeof invoiceSettingsRequestSchema>;
