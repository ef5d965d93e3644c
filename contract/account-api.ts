import { z } from 'zod';

/** The legacy Account API (rest host) keeps its own shapes: camelCase, kebab-case, string error codes. */
export const balanceSchema = z.object({ value: z.number(), autoReload: z.boolean() });

export const legacyStatusSchema = z.object({ 'error-code': z.string(), 'error-code-label': z.string() });

export const topUpRequestSchema = z.object({ trx: z.string().min(1, 'Required') });

const callbackUrl = z.string().trim().max(2000);

/** Both casings are accepted: the spec and Node send moCallBackUrl, the Python SDK moCallbackUrl. */
export const settingsRequestSchema = z
  .object({
    moCallBackUrl: callbackUrl.optional(),
    moCallbackUrl: callbackUrl.optional(),
    drCallBackUrl: callbackUrl.optional(),
    drCallbackUrl: callbackUrl.optional(),
    /** Accepted as the spec lists it; webhooks are sent as GET with query parameters for now. */
    httpForwardMethod: z.enum(['GET_QUERY_PARAMS', 'POST_QUERY_PARAMS', 'POST_JSON']).optional(),
  })
  .transform((body) => ({
    moCallBackUrl: body.moCallBackUrl ?? body.moCallbackUrl,
    drCallBackUrl: body.drCallBackUrl ?? body.drCallbackUrl,
  }));
export type SettingsRequest = z.infer<typeof settingsRequestSchema>;

export const settingsSchema = z.object({
  'mo-callback-url': z.string(),
  'dr-callback-url': z.string(),
  'max-outbound-request': z.number().int(),
  'max-inbound-request': z.number().int(),
  'max-calls-per-second': z.number().int(),
});
export type Settings = z.infer<typeof settingsSchema>;
