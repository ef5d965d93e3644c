import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Card } from '../../../components/ui/card.js';
import { sessionQueryOptions } from '../../../lib/session.js';
import { filterOptionsQueryOptions } from '../api/get-filter-options.js';
import { retentionQueryOptions } from '../api/get-retention.js';
import { apiRequestsQueryOptions } from '../api/search-api-requests.js';
import { ApiRequestFilters } from '../components/api-request-filters.js';
import { ApiRequestTable } from '../components/api-request-table.js';
import { RetentionNote } from '../components/retention-note.js';
import { readApiRequestFilters, toApiRequestQuery, writeApiRequestFilters } from '../utils/api-request-filters.js';

export const apiRequestsLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (session) {
      const apiKey = session.account.api_key;
      void queryClient.prefetchInfiniteQuery(apiRequestsQueryOptions(apiKey, toApiRequestQuery(readApiRequestFilters(new URL(request.url).searchParams))));
      void queryClient.prefetchQuery(filterOptionsQueryOptions(apiKey));
      void queryClient.prefetchQuery(retentionQueryOptions(apiKey));
    }
    return null;
  };

/** Search the family's public API requests; a member with a scope sees only their subaccounts' keys. */
export function ApiRequestsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const values = useMemo(() => readApiRequestFilters(searchParams), [searchParams]);
  const filters = useMemo(() => toApiRequestQuery(values), [values]);

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <title>API requests · Switchboard</title>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API requests</h1>
        <p className="mt-1 text-sm text-slate-600">Every call made with your API keys: endpoint, outcome, latency and where it came from. Bodies and credentials are never recorded.</p>
        <div className="mt-1">
          <RetentionNote />
        </div>
      </div>
      <Card title="Filters">
        <ApiRequestFilters values={values} onApply={(next) => setSearchParams(writeApiRequestFilters(next), { replace: true })} />
      </Card>
      <Card title="Requests">
        <ApiRequestTable filters={filters} />
      </Card>
    </div>
  );
}
