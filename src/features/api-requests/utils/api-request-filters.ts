import { z } from 'zod';
import { apiRequestSearchSchema, type ApiRequestSearch, type StatusClass } from '../../../../contract/api-requests.js';

/** The filter form's fields: plain strings, as inputs hold them; "" means "any". Dates are YYYY-MM-DD. */
export interface ApiRequestFilterValues {
  from: string;
  to: string;
  endpoint: string;
  status_class: string;
  status: string;
  api_key: string;
  request_id: string;
}

export const filterNames = ['from', 'to', 'endpoint', 'status_class', 'status', 'api_key', 'request_id'] as const;
export const emptyApiRequestFilters: ApiRequestFilterValues = { from: '', to: '', endpoint: '', status_class: '', status: '', api_key: '', request_id: '' };

const day = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Enter a date');
const startOfDay = (value: string) => (value ? `${value}T00:00:00.000Z` : undefined);
// "To" is inclusive for the person choosing it: up to the end of that day (UTC).
const endOfDay = (value: string) => (value ? new Date(new Date(`${value}T00:00:00.000Z`).getTime() + 86_400_000).toISOString() : undefined);

/** The form's strings become the contract's query, checked by the contract's own schema. */
export const apiRequestFilterFormSchema = z
  .object({
    from: day,
    to: day,
    endpoint: z.string(),
    status_class: z.string(),
    status: z.string().trim().regex(/^([1-5]\d\d)?$/, 'A status code, e.g. 422'),
    api_key: z.string(),
    request_id: z.string().trim(),
  })
  .superRefine((values, context) => {
    if (values.from && values.to && values.from > values.to) context.addIssue({ code: 'custom', path: ['to'], message: 'Choose a day on or after the start' });
  })
  .transform(
    (values): ApiRequestSearch => ({
    from: startOfDay(values.from),
    to: endOfDay(values.to),
    endpoint: values.endpoint || undefined,
    status_class: (values.status_class || undefined) as StatusClass | undefined,
    status: values.status || undefined,
    api_key: values.api_key || undefined,
    request_id: values.request_id || undefined,
    }),
  )
  .pipe(apiRequestSearchSchema);

/** Filters live in the URL, so a filtered view can be bookmarked and shared. */
export function readApiRequestFilters(params: URLSearchParams): ApiRequestFilterValues {
  return Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as unknown as ApiRequestFilterValues;
}

export function writeApiRequestFilters(values: ApiRequestFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filterNames) if (values[name]) params.set(name, values[name]);
  return params;
}

/** The query the URL's filters stand for; filters that do not parse are dropped (the form shows why). */
export function toApiRequestQuery(values: ApiRequestFilterValues): ApiRequestSearch {
  const parsed = apiRequestFilterFormSchema.safeParse(values);
  return parsed.success ? parsed.data : {};
}
