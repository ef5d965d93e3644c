import { z } from 'zod';
import { apiSecretSchema } from './secrets.js';

const link = z.object({ self: z.object({ href: z.string() }) });

export const subaccountSchema = z.object({
  api_key: z.string(),
  name: z.string(),
  primary_account_api_key: z.string(),
  use_primary_account_balance: z.boolean(),
  created_at: z.string(),
  suspended: z.boolean(),
  balance: z.number().nullable(),
  credit_limit: z.number().nullable(),
});
export type Subaccount = z.infer<typeof subaccountSchema>;

export const createdSubaccountSchema = subaccountSchema.extend({ secret: z.string() });
export type CreatedSubaccount = z.infer<typeof createdSubaccountSchema>;

export const primaryAccountSchema = z.object({
  api_key: z.string(),
  name: z.string(),
  balance: z.number(),
  credit_limit: z.number(),
  suspended: z.boolean(),
  created_at: z.string(),
});

export const subaccountListSchema = z.object({
  _links: link,
  total_balance: z.number(),
  total_credit_limit: z.number(),
  _embedded: z.object({ primary_account: primaryAccountSchema, subaccounts: z.array(subaccountSchema) }),
});
export type SubaccountList = z.infer<typeof subaccountListSchema>;

const strictBoolean = z.boolean({ message: "Should be either 'true' or 'false'" });
export const SUBACCOUNT_NAME_MAX = 80;
const subaccountName = z
  .string({ message: 'Required' })
  .trim()
  .min(1, 'Must not be empty')
  .max(SUBACCOUNT_NAME_MAX, `Must be at most ${SUBACCOUNT_NAME_MAX} characters`);

export const createSubaccountRequestSchema = z.object({
  name: subaccountName,
  secret: apiSecretSchema.optional(),
  use_primary_account_balance: strictBoolean.optional(),
});
export type CreateSubaccountRequest = z.input<typeof createSubaccountRequestSchema>;

export const modifySubaccountRequestSchema = z.object({
  name: subaccountName.optional(),
  suspended: strictBoolean.optional(),
  use_primary_account_balance: strictBoolean.optional(),
});
export type ModifySubaccountRequest = z.infer<typeof modifySubaccountRequestSchema>;

export const POSITIVE_AMOUNT_REASON = 'Only positive values of data type JSON number are allowed';

/** A positive amount in EUR; the Node SDK sends credit amounts as numeric strings, so both are accepted. */
export const transferAmountSchema = z.union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/, POSITIVE_AMOUNT_REASON)], {
  message: POSITIVE_AMOUNT_REASON,
});

export const transferRequestSchema = z.object({
  from: z.string({ message: 'Required' }).min(1, 'Required'),
  to: z.string({ message: 'Required' }).min(1, 'Required'),
  amount: transferAmountSchema,
  reference: z.string().max(255, 'Must be at most 255 characters').optional(),
});
export type TransferRequest = z.input<typeof transferRequestSchema>;

const transferBase = z.object({
  id: z.string(),
  amount: z.number(),
  from: z.string(),
  to: z.string(),
  reference: z.string(),
  created_at: z.string(),
  masterAccountId: z.string(),
  _links: link,
});
export const creditTransferSchema = transferBase.extend({ credit_transfer_id: z.string() });
export const balanceTransferSchema = transferBase.extend({ balance_transfer_id: z.string() });
export type CreditTransfer = z.infer<typeof creditTransferSchema>;
export type BalanceTransfer = z.infer<typeof balanceTransferSchema>;

export const creditTransferListSchema = z.object({ _links: link, _embedded: z.object({ credit_transfers: z.array(creditTransferSchema) }) });
export const balanceTransferListSchema = z.object({ _links: link, _embedded: z.object({ balance_transfers: z.array(balanceTransferSchema) }) });

const repeatable = z.union([z.string(), z.array(z.string())]).optional().transform((value) => (value === undefined ? [] : [value].flat()));
const isoDate = z.string({ message: 'Required' }).refine((value) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}/.test(value), 'Malformed');

export const transferListQuerySchema = z
  .object({
    start_date: isoDate,
    end_date: isoDate.optional(),
    subaccount: repeatable,
    sub: repeatable,
    sub_account: repeatable,
  })
  .transform(({ start_date, end_date, subaccount, sub, sub_account }) => ({
    start_date,
    end_date,
    subaccounts: [...subaccount, ...sub, ...sub_account],
  }));

/** Console: the family's credit and balance transfers together, newest first, one page at a time. */
export const transferHistoryQuerySchema = z.object({
  kind: z.enum(['credit', 'balance']).optional(),
  start_date: isoDate,
  end_date: isoDate.optional(),
  /** Only transfers from or to this subaccount. */
  subaccount: z.string().trim().max(64).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TransferHistoryQuery = Partial<z.infer<typeof transferHistoryQuerySchema>> & { start_date: string };

export const transferHistoryEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['credit', 'balance']),
  amount: z.number(),
  from: z.string(),
  from_name: z.string(),
  to: z.string(),
  to_name: z.string(),
  reference: z.string(),
  created_at: z.string(),
});
export const transferHistorySchema = z.object({
  items: z.array(transferHistoryEntrySchema),
  /** How many transfers match the filters, over every page. */
  total: z.number().int(),
});
export type TransferHistory = z.infer<typeof transferHistorySchema>;
export type TransferHistoryEntry = z.infer<typeof transferHistoryEntrySchema>;

export const primaryKeyParamsSchema = z.object({ api_key: z.string() });
export const subaccountParamsSchema = z.object({ api_key: z.string(), subaccount_key: z.string() });

/** Console: one page of the subaccounts list, searchable and sortable, with totals over all of them. */
export const subaccountSortSchema = z.enum(['name', 'api_key', 'created_at', 'balance', 'credit_limit', 'available']);
export const subaccountPageQuerySchema = z.object({
  search: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'suspended']).optional(),
  balance_mode: z.enum(['shared', 'own']).optional(),
  sort: subaccountSortSchema.default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SubaccountPageQuery = Partial<z.infer<typeof subaccountPageQuerySchema>>;

export const consoleSubaccountSchema = subaccountSchema.extend({
  /** What it can still spend: balance − credit limit (its own, or the primary's when shared). */
  available: z.number(),
});
export const subaccountPageSchema = z.object({
  /** The primary's own numbers, so that a page can show them without the unpaged public list. */
  primary: primaryAccountSchema,
  items: z.array(consoleSubaccountSchema),
  total: z.number().int(),
  totals: z.object({ subaccounts: z.number().int(), total_balance: z.number(), total_credit_limit: z.number() }),
});
export type SubaccountPage = z.infer<typeof subaccountPageSchema>;
