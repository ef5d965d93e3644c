import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Messages (console): every SMS sent, accepted or rejected, and every SMS received, with receipts.
// ---------------------------------------------------------------------------------------------

/** A sent message's lifecycle: submitted → delivered | expired | failed | rejected; a received one is `received`. */
export const messageStatuses = ['submitted', 'delivered', 'expired', 'failed', 'rejected', 'received'] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const messageStatusLabels: Record<MessageStatus, string> = {
  submitted: 'Submitted',
  delivered: 'Delivered',
  expired: 'Expired',
  failed: 'Failed',
  rejected: 'Rejected',
  received: 'Received',
};

export const messageDirections = ['outbound', 'inbound'] as const;
export const messageDirectionSchema = z.enum(messageDirections);
export type MessageDirection = z.infer<typeof messageDirectionSchema>;

export const messageSchema = z.object({
  id: z.string(),
  direction: messageDirectionSchema,
  /** The account that sent (or whose number received) it: the primary or a subaccount. */
  api_key: z.string(),
  from: z.string(),
  to: z.string(),
  /** The first 160 characters; null when the account does not store message text. */
  text: z.string().nullable(),
  encoding: z.enum(['text', 'unicode']).nullable(),
  parts: z.number().int(),
  /** Euros charged (0 for rejected and received messages). */
  price: z.number(),
  country: z.string().nullable(),
  network: z.string().nullable(),
  client_ref: z.string().nullable(),
  account_ref: z.string().nullable(),
  status: messageStatusSchema,
  /** The SMS API's status of a rejected message, or the delivery receipt's err-code. */
  error_code: z.string().nullable(),
  error_text: z.string().nullable(),
  created_at: z.string(),
  /** When it reached its status. */
  status_at: z.string().nullable(),
});
export type Message = z.infer<typeof messageSchema>;

export const MESSAGE_PAGE_MAX = 200;

const instant = z.iso.datetime({ offset: true, message: 'A date and time in ISO 8601, e.g. 2026-12-01T00:00:00Z' });
const digitsPrefix = z
  .string()
  .trim()
  .transform((value) => value.replace(/^\+/, ''))
  .pipe(z.string().max(20));

/** The search filters; without `start`, the last 24 hours. `to`/`from` match the start of the number (or sender). */
export const messageFilterSchema = z.object({
  start: instant.optional(),
  end: instant.optional(),
  status: messageStatusSchema.optional(),
  direction: messageDirectionSchema.optional(),
  to: digitsPrefix.optional(),
  from: digitsPrefix.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'A two-letter country code, e.g. GB')
    .optional(),
  api_key: z
    .string()
    .regex(/^[0-9a-f]{8}$/, 'An API key is 8 lowercase hexadecimal characters')
    .optional(),
  message_id: z.string().trim().max(40).optional(),
  client_ref: z.string().max(100).optional(),
});
export type MessageFilter = z.input<typeof messageFilterSchema>;

export const messageSearchSchema = messageFilterSchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MESSAGE_PAGE_MAX).default(50),
});
export type MessageSearch = z.input<typeof messageSearchSchema>;

/** Newest first; `next_cursor` null on the last page (no total: counting millions of rows would be slow). */
export const messagePageSchema = z.object({
  messages: z.array(messageSchema),
  next_cursor: z.string().nullable(),
});
export type MessagePage = z.infer<typeof messagePageSchema>;

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  started_at: z.string(),
  /** Null when no HTTP answer came (refused, timed out). */
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int(),
  response_excerpt: z.string().nullable(),
  error: z.string().nullable(),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  kind: z.enum(['delivery-receipt', 'inbound-sms']),
  url: z.string(),
  status: z.enum(['pending', 'delivering', 'delivered', 'failed']),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  attempts: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const lifecycleStepSchema = z.object({ status: messageStatusSchema, at: z.string() });

export const messageDetailSchema = messageSchema.extend({
  /** The statuses it went through, in order, each with its time. */
  lifecycle: z.array(lifecycleStepSchema),
  webhooks: z.array(webhookDeliverySchema),
});
export type MessageDetail = z.infer<typeof messageDetailSchema>;

export const messageParamsSchema = z.object({ id: z.string().regex(/^[0-9A-F]{16}$/, 'A message id is 16 hexadecimal characters') });

/** The family's message-text setting (its primary's). */
export const messageSettingsSchema = z.object({ store_message_text: z.boolean() });
export type MessageSettings = z.infer<typeof messageSettingsSchema>;
