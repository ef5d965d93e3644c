import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Card } from '../../../components/ui/card.js';
import { sessionQueryOptions } from '../../../lib/session.js';
import { activityExportHref, activityQueryOptions } from '../api/get-activity.js';
import { activityActorsQueryOptions } from '../api/get-activity-actors.js';
import { ActivityFilters } from '../components/activity-filters.js';
import { ActivityList } from '../components/activity-list.js';
import { readActivityFilters, toActivityQuery, writeActivityFilters } from '../utils/activity-filters.js';

export const activityLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (session) {
      const apiKey = session.account.api_key;
      void queryClient.prefetchInfiniteQuery(activityQueryOptions(apiKey, toActivityQuery(readActivityFilters(new URL(request.url).searchParams))));
      void queryClient.prefetchQuery(activityActorsQueryOptions(apiKey));
    }
    return null;
  };

/** Who changed what in the account family, newest first; a member with a scope sees only entries inside it. */
export function ActivityPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const values = useMemo(() => readActivityFilters(searchParams), [searchParams]);
  const filters = useMemo(() => toActivityQuery(values), [values]);

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <title>Activity · Switchboard</title>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Activity</h1>
          <p className="mt-1 text-sm text-slate-600">
            Every change made in the console, through the API or by our operators: who, what, when and from where.
          </p>
        </div>
        <a
          href={activityExportHref(filters)}
          download
          className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Export CSV
        </a>
      </div>
      <Card title="Filters">
        <ActivityFilters values={values} onApply={(next) => setSearchParams(writeActivityFilters(next), { replace: true })} />
      </Card>
      <Card title="Entries">
        <ActivityList filters={filters} emptyText="No activity matches these filters." />
      </Card>
    </div>
  );
}
