import { Badge, type BadgeTone } from '../../../components/ui/badge.js';
import { Card } from '../../../components/ui/card.js';
import { Table } from '../../../components/ui/table.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { useApiCalls } from '../api/get-api-calls.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';

const statusTone = (status: number): BadgeTone => (status < 300 ? 'success' : status < 500 ? 'warning' : 'danger');

/** The last calls made with the account's (and its subaccounts') API keys. */
export function LastApiCallsCard({ apiKey }: { apiKey: string }) {
  const calls = useApiCalls(apiKey, 10);

  return (
    <Card title="Last API calls">
      {calls.isPending ? (
        <LoadingLine label="Loading API calls…" />
      ) : calls.isError ? (
        <LoadError message={calls.error.message} onRetry={() => calls.refetch()} />
      ) : calls.data.api_calls.length === 0 ? (
        <p className="text-sm text-slate-600">
          No API calls yet. Calls made with your API key and secret show up here.
        </p>
      ) : (
        <Table caption="Last API calls" stackOnPhone>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Status</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {calls.data.api_calls.map((call, index) => (
              <tr key={`${call.created_at}-${index}`}>
                <td className="font-mono text-xs font-semibold">{call.method}</td>
                <td data-label="Path" className="font-mono text-xs break-all max-sm:order-1 max-sm:col-span-2">
                  {call.path}
                </td>
                <td className="max-sm:justify-self-end">
                  <Badge tone={statusTone(call.status)}>{call.status}</Badge>
                </td>
                <td data-label="Time" className="whitespace-nowrap tabular-nums max-sm:order-2 max-sm:col-span-2">
                  <time dateTime={call.created_at}>{formatDateTime(call.created_at)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
