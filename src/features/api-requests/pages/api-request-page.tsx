import type { QueryClient } from '@tanstack/react-query';
import { useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Card } from '../../../components/ui/card.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { paths } from '../../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { apiRequestQueryOptions, useApiRequest } from '../api/get-api-request.js';
import { StatusBadge } from '../components/status-badge.js';

export const apiRequestLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (session && params.requestId) void queryClient.prefetchQuery(apiRequestQueryOptions(session.account.api_key, params.requestId));
    return null;
  };

/** One API request: everything recorded about it. */
export function ApiRequestPage() {
  const { requestId = '' } = useParams();
  const request = useApiRequest(useApiKey(), requestId);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <title>API request · Switchboard</title>
      <div>
        <TextLink to={paths.apiRequests.getHref()}>← API requests</TextLink>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">API request</h1>
      </div>
      <Card title="Details">
        {request.isPending && <LoadingLine label="Loading the request…" />}
        {request.isError && <LoadError message={request.error.message} onRetry={() => request.refetch()} />}
        {request.data && (
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            <Row term="Time">{formatDateTime(request.data.created_at)}</Row>
            <Row term="Endpoint">
              <span className="font-mono break-all">
                {request.data.method} {request.data.path}
              </span>
            </Row>
            <Row term="Status">
              <StatusBadge status={request.data.status} />
            </Row>
            {request.data.error_title && <Row term="Error">{request.data.error_title}</Row>}
            {request.data.error_type && (
              <Row term="Error type">
                <span className="break-all">{request.data.error_type}</span>
              </Row>
            )}
            <Row term="API key">
              <span className="font-mono">{request.data.api_key}</span>
            </Row>
            <Row term="Latency">{request.data.latency_ms === null ? '–' : `${request.data.latency_ms} ms`}</Row>
            <Row term="Request id">
              <span className="font-mono break-all">{request.data.request_id ?? '–'}</span>
            </Row>
            <Row term="Client address">{request.data.client_ip ?? '–'}</Row>
            <Row term="User agent">
              <span className="break-all">{request.data.user_agent ?? '–'}</span>
            </Row>
          </dl>
        )}
      </Card>
    </div>
  );
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}
