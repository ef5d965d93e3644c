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
  .refine((body) => (body.voiceCallbackType === undefined) === (body.voiceCallbackValue === undefined), {
    message: 'voiceCallbackType and voiceCallbackValue must be used together',
    path: ['voiceCallbackValue'],
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
  number: msisdn,
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
