import { z } from 'zod';
import { messageDirectionSchema, messageFilterSchema, messageStatusSchema, type MessageDirection, type MessageFilter, type MessageStatus } from '../../../../contract/messages.js';

/** The filter form's fields: plain strings, as inputs hold them; "" means "any". Dates are YYYY-MM-DD. */
export interface MessageFilterValues {
  start: string;
  end: string;
  status: string;
  direction: string;
  to: string;
  from: string;
  country: string;
  api_key: string;
  message_id: string;
  client_ref: string;
}

export const filterNames = ['start', 'end', 'status', 'direction', 'to', 'from', 'country', 'api_key', 'message_id', 'client_ref'] as const;
export const emptyMessageFilters = Object.fromEntries(filterNames.map((name) => [name, ''])) as unknown as MessageFilterValues;

const day = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Enter a date');
const startOfDay = (value: string) => (value ? `${value}T00:00:00.000Z` : undefined);
// The end day is inclusive for the person choosing it: up to the end of that day (UTC).
const endOfDay = (value: string) => (value ? new Date(new Date(`${value}T00:00:00.000Z`).getTime() + 86_400_000).toISOString() : undefined);
const optional = (value: string) => value || undefined;

/** The form's strings become the contract's query, checked by the contract's own schema. */
export const messageFilterFormSchema = z
  .object({
    start: day,
    end: day,
    status: z.string().refine((value) => value === '' || messageStatusSchema.safeParse(value).success, 'Choose a status'),
    direction: z.string().refine((value) => value === '' || messageDirectionSchema.safeParse(value).success, 'Choose a direction'),
    to: z.string().trim(),
    from: z.string().trim(),
    country: z.string().trim().toUpperCase(),
    api_key: z.string().trim().toLowerCase(),
    message_id: z.string().trim(),
    client_ref: z.string(),
  })
  .superRefine((values, context) => {
    if (values.start && values.end && values.start > values.end) context.addIssue({ code: 'custom', path: ['end'], message: 'Choose a day on or after the start' });
  })
  .transform(
    (values): MessageFilter => ({
      start: startOfDay(values.start),
      end: endOfDay(values.end),
      status: optional(values.status) as MessageStatus | undefined,
      direction: optional(values.direction) as MessageDirection | undefined,
      to: optional(values.to),
      from: optional(values.from),
      country: optional(values.country),
      api_key: optional(values.api_key),
      message_id: optional(values.message_id),
      client_ref: optional(values.client_ref),
    }),
  )
  .pipe(messageFilterSchema);

/** Filters live in the URL, so a filtered view can be bookmarked and shared. */
export function readMessageFilters(params: URLSearchParams): MessageFilterValues {
  return Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as unknown as MessageFilterValues;
}

export function writeMessageFilters(values: MessageFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filterNames) if (values[name]) params.set(name, values[name]);
  return params;
}

/** The query the URL's filters stand for; filters that do not parse are dropped (the form shows why). */
export function toMessageQuery(values: MessageFilterValues): MessageFilter {
  const parsed = messageFilterFormSchema.safeParse(values);
  return parsed.success ? parsed.data : {};
}
