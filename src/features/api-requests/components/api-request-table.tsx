import type { ApiRequestFilters } from '../../../../contract/api-requests.js';
import { Button } from '../../../components/ui/button.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { Table } from '../../../components/ui/table.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { paths } from '../../../lib/paths.js';
import { useApiKey } from '../../../lib/session.js';
import { useApiRequests } from '../api/search-api-requests.js';
import { StatusBadge } from './status-badge.js';

/** The requests the filters select, newest first; "Show more" while there are more (no total). */
export function ApiRequestTable({ filters }: { filters: ApiRequestFilters }) {
  const search = useApiRequests(useApiKey(), filters);

  if (search.isPending) return <LoadingLine label="Searching API requests…" />;
  if (search.isError) return <LoadError message={search.error.message} onRetry={() => search.refetch()} />;
  if (search.requests.length === 0) return <p className="text-sm text-slate-600">No API request matches these filters.</p>;

  return (
    <div>
      <Table caption="API requests" stackOnPhone>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Status</th>
            <th scope="col">API key</th>
            <th scope="col">Latency</th>
          </tr>
        </thead>
        <tbody>
          {search.requests.map((request) => (
            <tr key={request.id}>
              <td data-label="Time" className="whitespace-nowrap tabular-nums">
                <TextLink to={paths.apiRequest.getHref(request.id)}>
                  <time dateTime={request.created_at}>{formatDateTime(request.created_at)}</time>
                </TextLink>
              </td>
              <td data-label="Endpoint" className="font-mono text-xs break-all">
                {request.method} {request.path}
              </td>
              <td data-label="Status">
                <StatusBadge status={request.status} />
                {request.error_title && <span className="ml-2 text-xs text-slate-600">{request.error_title}</span>}
              </td>
              <td data-label="API key" className="font-mono text-xs">
                {request.api_key}
              </td>
              <td data-label="Latency" className="tabular-nums">
                {request.latency_ms === null ? '–' : `${request.latency_ms} ms`}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {search.hasNextPage ? (
          <Button variant="secondary" isLoading={search.isFetchingNextPage} onClick={() => search.fetchNextPage()}>
            Show more
          </Button>
        ) : (
          <p className="text-sm text-slate-500" role="status">
            {search.requests.length === 1 ? 'One request' : `All ${search.requests.length} requests`} shown.
          </p>
        )}
        {search.isFetchNextPageError && <p className="text-sm text-red-700">More requests could not be loaded. Try again.</p>}
      </div>
    </div>
  );
}
