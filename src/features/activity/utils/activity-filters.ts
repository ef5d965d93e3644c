import { z } from 'zod';
import { activityExportQuerySchema, activityKindSchema, type ActivityExportQuery, type ActivityKind } from '../../../../contract/activity.js';

/** The filter form's fields: plain strings, as inputs hold them; "" means "any". Dates are YYYY-MM-DD. */
export interface ActivityFilterValues {
  actor: string;
  api_key: string;
  kind: string;
  from: string;
  to: string;
}

export const emptyActivityFilters: ActivityFilterValues = { actor: '', api_key: '', kind: '', from: '', to: '' };

const day = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Enter a date');
const startOfDay = (value: string) => (value ? `${value}T00:00:00.000Z` : undefined);
// "To" is inclusive for the person choosing it: up to the end of that day (UTC).
const endOfDay = (value: string) => (value ? new Date(new Date(`${value}T00:00:00.000Z`).getTime() + 86_400_000).toISOString() : undefined);

/** The form's strings become the contract's query, checked by the contract's own schema. */
export const activityFilterFormSchema = z
  .object({ actor: z.string(), api_key: z.string().trim().toLowerCase(), kind: z.string().refine((value) => value === '' || activityKindSchema.safeParse(value).success, 'Choose a kind of change'), from: day, to: day })
  .superRefine((values, context) => {
    if (values.from && values.to && values.from > values.to) context.addIssue({ code: 'custom', path: ['to'], message: 'Choose a day on or after the start' });
  })
  .transform(
    (values): ActivityExportQuery => ({
      actor: values.actor || undefined,
      api_key: values.api_key || undefined,
      kind: (values.kind || undefined) as ActivityKind | undefined,
      from: startOfDay(values.from),
      to: endOfDay(values.to),
    }),
  )
  .pipe(activityExportQuerySchema);

/** Filters live in the URL, so a filtered view can be bookmarked and shared. */
export function readActivityFilters(params: URLSearchParams): ActivityFilterValues {
  return {
    actor: params.get('actor') ?? '',
    api_key: params.get('api_key') ?? '',
    kind: params.get('kind') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

export function writeActivityFilters(values: ActivityFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  return params;
}

/** The query the URL's filters stand for; filters that do not parse are dropped (the form shows why). */
export function toActivityQuery(values: ActivityFilterValues): ActivityExportQuery {
  const parsed = activityFilterFormSchema.safeParse(values);
  return parsed.success ? parsed.data : {};
}
