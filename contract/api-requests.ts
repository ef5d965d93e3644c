import { z } from 'zod';

/** One recorded public API request: what it was, never its body, secrets or credentials. */
export const apiRequestSchema = z.object({
  id: z.string(),
  created_at: z.string(),
  api_key: z.string(),
  method: z.string(),
  /** The route template, e.g. `/accounts/:api_key/secrets`. */
  path: z.string(),
  status: z.number().int(),
  latency_ms: z.number().int().nullable(),
  request_id: z.string().nullable(),
  error_type: z.string().nullable(),
  error_title: z.string().nullable(),
  client_ip: z.string().nullable(),
  user_agent: z.string().nullable(),
});
export type ApiRequest = z.infer<typeof apiRequestSchema>;

export const statusClasses = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof statusClasses)[number];

export const API_REQUEST_PAGE_MAX = 200;

const instant = z.iso.datetime({ offset: true, message: 'A date and time in ISO 8601, e.g. 2026-12-01T00:00:00Z' });

/** The search's filters; a page is newest first, `cursor` continues after the previous page. */
export const apiRequestQuerySchema = z.object({
  from: instant.optional(),
  to: instant.optional(),
  /** `METHOD /template`, as the endpoint list names it. */
  endpoint: z
    .string()
    .regex(/^(GET|POST|PUT|PATCH|DELETE) \/\S{0,200}$/, 'An endpoint is a method and a path template, e.g. "POST /sms/json"')
    .optional(),
  status_class: z.enum(statusClasses).optional(),
  status: z.coerce.number<number | string>().int().min(100).max(599).optional(),
  api_key: z
    .string()
    .regex(/^[0-9a-f]{8}$/, 'An API key is 8 lowercase hexadecimal characters')
    .optional(),
  request_id: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number<number | string>().int().min(1).max(API_REQUEST_PAGE_MAX).default(50),
});
export type ApiRequestFilters = z.input<typeof apiRequestQuerySchema>;
/** The search without its paging: what the filter form produces. */
export const apiRequestSearchSchema = apiRequestQuerySchema.omit({ cursor: true, limit: true });
export type ApiRequestSearch = z.input<typeof apiRequestSearchSchema>;

/** No total: counting millions of rows would be slow, so the page offers "more" while there is more. */
export const apiRequestPageSchema = z.object({
  requests: z.array(apiRequestSchema),
  next_cursor: z.string().nullable(),
});
export type ApiRequestPage = z.infer<typeof apiRequestPageSchema>;

/** What the filters offer: the public API's endpoints, and the family's keys the caller may see (the primary's first). */
export const apiRequestFilterOptionsSchema = z.object({
  endpoints: z.array(z.object({ method: z.string(), path: z.string() })),
  accounts: z.array(z.object({ api_key: z.string(), name: z.string(), primary: z.boolean() })),
});
export type ApiRequestFilterOptions = z.infer<typeof apiRequestFilterOptionsSchema>;

/** How long usage records are kept before the purge job removes them. */
export const usageRetentionSchema = z.object({ api_request_days: z.number().int(), message_days: z.number().int(), message_text_days: z.number().int() });
export type UsageRetention = z.infer<typeof usageRetentionSchema>;
