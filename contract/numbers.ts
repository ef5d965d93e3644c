import { z } from 'zod';

/** The Numbers API (rest host, vonage-api.md §5): its own shapes, string error codes, string prices. */
export const numberTypes = ['landline', 'mobile-lvn', 'landline-toll-free'] as const;
export type NumberType = (typeof numberTypes)[number];

/** The features a number may have, in the API's canonical order. */
export const numberFeatures = ['SMS', 'VOICE', 'MMS'] as const;
export type NumberFeature = (typeof numberFeatures)[number];

const country = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code'));
const msisdn = z.string().trim().regex(/^\d{6,15}$/, 'must be an E.164 number without the +');
const pattern = z.string().trim().regex(/^\d{1,15}$/, 'must be digits');
/** 0 starts with (the default), 1 contains, 2 ends with. */
const searchPattern = z.coerce.number().int().min(0).max(2);
const size = z.coerce.number().int().min(1).max(100).default(10);
const index = z.coerce.number().int().min(1).max(1_000_000).default(1);

/** A comma-separated set of features; the number must have every one. */
export const featuresQuery = z
  .string()
  .trim()
  .transform((value) => value.split(',').map((f) => f.trim().toUpperCase()).filter(Boolean))
  .pipe(z.array(z.enum(numberFeatures)).min(1, 'must list SMS, VOICE or MMS'));

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const searchQuerySchema = z.object({
  country,
  type: z.enum(numberTypes).optional(),
  pattern: pattern.optional(),
  search_pattern: searchPattern.optional(),
  features: featuresQuery.optional(),
  size,
  index,
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const ownedQuerySchema = z.object({
  application_id: z.string().trim().min(1).max(100).optional(),
  has_application: booleanQuery.optional(),
  country: country.optional(),
  pattern: pattern.optional(),
  search_pattern: searchPattern.optional(),
  size,
  index,
});
export type OwnedQuery = z.infer<typeof ownedQuerySchema>;

const targetApiKey = z.string().trim().min(1).max(40);

export const buyRequestSchema = z.object({ country, msisdn, target_api_key: targetApiKey.optional() });
export type BuyRequest = z.infer<typeof buyRequestSchema>;

const url = z.string().trim().max(2000);
export const voiceCallbackTypes = ['sip', 'tel', 'app'] as const;
export type VoiceCallbackType = (typeof voiceCallbackTypes)[number];

const TEL = /^\+?[1-9]\d{6,14}$/;
const SIP = /^sips?:(?:[^\s@:;]+(?::[^\s@;]*)?@)?[^\s@:;/]+(?::\d{1,5})?(?:;[^\s]*)?$/i;

/**
 * Why a voice callback value does not fit its type, or null: `tel` an E.164 number with or without
 * the +, `sip` a SIP URI (sip:user@host, sips: too). The console and POST /number/update share it.
 */
export function voiceCallbackValueProblem(type: VoiceCallbackType, value: string): string | null {
  if (type === 'tel' && !TEL.test(value)) return 'must be an E.164 number (e.g. 447700900000 or +447700900000) for the type tel';
  if (type === 'sip' && !SIP.test(value)) return 'must be a SIP URI (e.g. sip:user@example.com) for the type sip';
  if (type === 'app' && value === '') return 'must name an application for the type app';
  return null;
}

export const updateRequestSchema = z
  .object({
    country,
    msisdn,
    app_id: z.string().trim().max(100).optional(),
    moHttpUrl: url.optional(),
    moSmppSysType: z.string().trim().max(50).optional(),
    voiceCallbackType: z.enum(voiceCallbackTypes).optional(),
    voiceCallbackValue: z.string().trim().max(2000).optional(),
    voiceStatusCallback: url.optional(),
    /** Deprecated spellings of app_id (the spec's messagesCallbackType is always `app`). */
    messagesCallbackType: z.literal('app').optional(),
    messagesCallbackValue: z.string().trim().max(100).optional(),
  })
  .superRefine((body, context) => {
    if ((body.voiceCallbackType === undefined) !== (body.voiceCallbackValue === undefined)) {
      context.addIssue({ code: 'custom', message: 'voiceCallbackType and voiceCallbackValue must be used together', path: ['voiceCallbackValue'] });
      return;
    }
    const problem = body.voiceCallbackType && voiceCallbackValueProblem(body.voiceCallbackType, body.voiceCallbackValue ?? '');
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['voiceCallbackValue'] });
  });
export type UpdateRequest = z.infer<typeof updateRequestSchema>;

export const availableNumberSchema = z.object({
  country: z.string(),
  msisdn: z.string(),
  type: z.enum(numberTypes),
  cost: z.string(),
  initialPrice: z.string(),
  features: z.array(z.enum(numberFeatures)),
});
export const searchResponseSchema = z.object({ count: z.number().int(), numbers: z.array(availableNumberSchema) });

export const ownedNumberSchema = z.object({
  country: z.string(),
  msisdn: z.string(),
  type: z.enum(numberTypes),
  features: z.array(z.enum(numberFeatures)),
  moHttpUrl: z.string().optional(),
  app_id: z.string().optional(),
  messagesCallbackType: z.literal('app').optional(),
  messagesCallbackValue: z.string().optional(),
  voiceCallbackType: z.enum(voiceCallbackTypes).optional(),
  voiceCallbackValue: z.string().optional(),
  voiceStatusCallback: z.string().optional(),
});
export type OwnedNumber = z.infer<typeof ownedNumberSchema>;
export const ownedResponseSchema = z.object({ count: z.number().int(), numbers: z.array(ownedNumberSchema) });

/** The text of the spec's 420 for countries whose numbers need a local address first. */
export const LOCAL_ADDRESS_REQUIRED =
  'Numbers from this country can be requested from the Dashboard (https://dashboard.nexmo.com/buy-numbers) as they require a valid local address to be provided before being purchased.';

/** `POST /accounts/{api_key}/transfer-number` (the Subaccounts API, JSON). */
export const transferNumberRequestSchema = z.object({
  from: z.string().trim().min(1).max(40),
  to: z.string().trim().min(1).max(40),
  /** A rented number, or a shared short code (5 or 6 digits). */
  number: z.string().trim().regex(/^\d{5,15}$/, 'must be an E.164 number without the + or a short code'),
  country,
});
export type TransferNumberRequest = z.infer<typeof transferNumberRequestSchema>;

export const transferNumberResponseSchema = z.object({
  number: z.string(),
  country: z.string(),
  from: z.string(),
  to: z.string(),
  masterAccountId: z.string(),
});

// The console's own routes (snake_case, euros as numbers).

/** `GET /api/numbers/available`: the public search's filters, for the console. */
export const consoleSearchQuerySchema = searchQuerySchema;

const euroAmount = z.number();
export const consoleAvailableNumberSchema = z.object({
  country: z.string(),
  msisdn: z.string(),
  type: z.enum(numberTypes),
  features: z.array(z.enum(numberFeatures)),
  monthly_cost: euroAmount,
  setup_price: euroAmount,
});
export type ConsoleAvailableNumber = z.infer<typeof consoleAvailableNumberSchema>;
export const consoleSearchResponseSchema = z.object({ total: z.number().int(), items: z.array(consoleAvailableNumberSchema) });
export type ConsoleSearchResponse = z.infer<typeof consoleSearchResponseSchema>;

export const numberListQuerySchema = z.object({
  country: country.optional(),
  /** One account of the family (the primary or a subaccount). */
  account: z.string().trim().min(1).max(40).optional(),
  type: z.enum(numberTypes).optional(),
  /** Digits the number contains, or words of its description. */
  search: z.string().trim().max(100).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type NumberListQuery = Partial<z.output<typeof numberListQuerySchema>>;

/** Where an inbound SMS to the number goes: its own moHttpUrl, the account's default, or nowhere. */
export const webhookStatuses = ['number', 'account', 'none'] as const;

export const consoleNumberSchema = z.object({
  msisdn: z.string(),
  country: z.string(),
  type: z.enum(numberTypes),
  features: z.array(z.enum(numberFeatures)),
  account: z.object({ api_key: z.string(), name: z.string(), primary: z.boolean() }),
  monthly_cost: euroAmount,
  /** The next calendar day (UTC) it renews on. */
  renews_on: z.string(),
  description: z.string(),
  app_id: z.string(),
  mo_http_url: z.string(),
  voice_callback_type: z.enum(voiceCallbackTypes).nullable(),
  voice_callback_value: z.string(),
  voice_status_callback: z.string(),
  webhook: z.enum(webhookStatuses),
});
export type ConsoleNumber = z.infer<typeof consoleNumberSchema>;
export const numberListSchema = z.object({ total: z.number().int(), items: z.array(consoleNumberSchema) });
export type NumberList = z.infer<typeof numberListSchema>;

export const numberPathSchema = z.object({ api_key: z.string().trim().min(1).max(40), msisdn });
export const accountPathSchema = z.object({ api_key: z.string().trim().min(1).max(40) });

export const purchaseQuoteQuerySchema = z.object({ country, msisdn });
export const purchaseQuoteSchema = z.object({
  msisdn: z.string(),
  country: z.string(),
  setup_price: euroAmount,
  monthly_cost: euroAmount,
  total: euroAmount,
  /** The account charged: the buyer, or its primary when it shares the primary's balance. */
  payer_api_key: z.string(),
  available_before: euroAmount,
  available_after: euroAmount,
});
export type PurchaseQuote = z.infer<typeof purchaseQuoteSchema>;

export const consoleBuyRequestSchema = z.object({ country, msisdn });
export type ConsoleBuyRequest = z.infer<typeof consoleBuyRequestSchema>;

const optionalUrl = z.union([z.literal(''), z.string().trim().max(2000).url('must be a URL, e.g. https://example.com/inbound')]);

/** What the console's edit dialog saves: every field, an empty string for none. */
export const configureNumberRequestSchema = z
  .object({
    description: z.string().trim().max(200),
    app_id: z.string().trim().max(100),
    mo_http_url: optionalUrl,
    voice_callback_type: z.union([z.literal(''), z.enum(voiceCallbackTypes)]),
    voice_callback_value: z.string().trim().max(2000),
    voice_status_callback: optionalUrl,
  })
  .superRefine((body, context) => {
    if (body.voice_callback_type === '') {
      if (body.voice_callback_value !== '') context.addIssue({ code: 'custom', message: 'Choose where calls go, or leave the value empty', path: ['voice_callback_type'] });
      return;
    }
    const problem = voiceCallbackValueProblem(body.voice_callback_type, body.voice_callback_value);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['voice_callback_value'] });
  });
export type ConfigureNumberRequest = z.infer<typeof configureNumberRequestSchema>;

/** How long a cancelled number can be taken back, and how long a released one waits before it is sold again. */
export const UNDO_WINDOW_MINUTES = 5;
export const QUARANTINE_DAYS = 30;

export const cancelResponseSchema = z.object({ msisdn: z.string(), undo_until: z.string() });
export type CancelResponse = z.infer<typeof cancelResponseSchema>;

export const consoleTransferRequestSchema = z.object({ country, to: z.string().trim().min(1).max(40) });
export type ConsoleTransferRequest = z.infer<typeof consoleTransferRequestSchema>;
