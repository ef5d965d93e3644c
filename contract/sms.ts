import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Public SMS API (POST /sms/json): the Vonage wire shapes, kebab-case, every value a string.
// ---------------------------------------------------------------------------------------------

/** Form bodies carry strings; JSON callers may send numbers or booleans for the same fields. */
const stringish = z.union([z.string(), z.number().transform(String)]);
const flag = z.union([z.boolean(), z.string(), z.number()]);

export const smsSendRequestSchema = z.object({
  api_key: z.string().optional(),
  api_secret: z.string().optional(),
  from: stringish.pipe(z.string().trim().min(1)),
  to: stringish.pipe(z.string().trim().min(1)),
  text: z.string().min(1),
  type: z.enum(['text', 'unicode']).optional(),
  ttl: z.coerce.number().int().min(20_000).max(604_800_000).optional(),
  'status-report-req': flag.optional(),
  callback: z.string().max(100).optional(),
  'message-class': z.coerce.number().int().min(0).max(3).optional(),
  'client-ref': z.string().max(100).optional(),
  'account-ref': z.string().max(100).optional(),
  'entity-id': z.string().max(100).optional(),
  'content-id': z.string().max(100).optional(),
});
export type SmsSendRequest = z.infer<typeof smsSendRequestSchema>;

export const smsMessageResultSchema = z.object({
  to: z.string().optional(),
  'message-id': z.string().optional(),
  status: z.string(),
  'error-text': z.string().optional(),
  'remaining-balance': z.string().optional(),
  'message-price': z.string().optional(),
  network: z.string().optional(),
  'client-ref': z.string().optional(),
  'account-ref': z.string().optional(),
});
export type SmsMessageResult = z.infer<typeof smsMessageResultSchema>;

/** HTTP 200 for every outcome; `message-count` is the number of parts, one `messages` entry each. */
export const smsSendResponseSchema = z.object({
  'message-count': z.string(),
  messages: z.array(smsMessageResultSchema),
});
export type SmsSendResponse = z.infer<typeof smsSendResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Console (/api/...): snake_case, euros as numbers.
// ---------------------------------------------------------------------------------------------

export const MAX_TEST_NUMBERS = 10;

export const smsPriceSchema = z.object({
  country: z.string(),
  country_name: z.string(),
  dialing_prefix: z.string(),
  /** Euros per message part. */
  price: z.number(),
});
export const smsPriceListSchema = z.object({ prices: z.array(smsPriceSchema) });
export type SmsPrice = z.infer<typeof smsPriceSchema>;

export const smsTestRequestSchema = z.object({
  to: z.string().trim().min(1, 'Enter a phone number').max(32),
  text: z.string().min(1, 'Enter a message').max(2000),
  from: z.string().trim().min(1).max(15).optional(),
  /** Empty: none. */
  client_ref: z
    .string()
    .max(100)
    .optional()
    .transform((value) => value || undefined),
});
export type SmsTestRequest = z.infer<typeof smsTestRequestSchema>;

export const smsTestResultSchema = z.object({
  /** The SMS API status: 0 accepted, otherwise the reason (9 insufficient credit, 29 not a test number, …). */
  status: z.number().int(),
  error_text: z.string().nullable(),
  to: z.string(),
  message_id: z.string().nullable(),
  parts: z.number().int(),
  encoding: z.enum(['text', 'unicode']).nullable(),
  /** Total euros charged (0 when rejected). */
  price: z.number(),
  /** The paying account's balance after the send, in euros. */
  remaining_balance: z.number().nullable(),
  demo: z.boolean(),
});
export type SmsTestResult = z.infer<typeof smsTestResultSchema>;

export const testNumberSchema = z.object({
  id: z.string(),
  /** E.164 with "+". */
  number: z.string(),
  country: z.string().nullable(),
  verified: z.boolean(),
  verified_at: z.string().nullable(),
  /** When the current PIN expires; null when verified or when no PIN is pending. */
  pin_expires_at: z.string().nullable(),
  attempts_left: z.number().int(),
  resend_available_at: z.string().nullable(),
  created_at: z.string(),
});
export type TestNumber = z.infer<typeof testNumberSchema>;
export const testNumberListSchema = z.object({ test_numbers: z.array(testNumberSchema), max: z.number().int() });

export const addTestNumberRequestSchema = z
  .object({
    number: z.string().trim().min(1, 'Enter a phone number').max(32),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Choose a country'),
  })
  .superRefine((value, context) => {
    if (!isValidPhoneNumber(value.number, value.country as CountryCode)) {
      context.addIssue({ code: 'custom', path: ['number'], message: 'Enter a valid phone number for the chosen country' });
    }
  });
export type AddTestNumberRequest = z.infer<typeof addTestNumberRequestSchema>;

export const testNumberParamsSchema = z.object({ id: z.uuid() });

export const verifyTestNumberRequestSchema = z.object({
  pin: z.string().trim().regex(/^\d{4}$/, 'Enter the 4-digit PIN'),
});
export type VerifyTestNumberRequest = z.infer<typeof verifyTestNumberRequestSchema>;
