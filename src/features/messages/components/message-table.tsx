import type { MessageFilter } from '../../../../contract/messages.js';
import { Button } from '../../../components/ui/button.js';
import { Money } from '../../../components/ui/money.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { Table } from '../../../components/ui/table.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { paths } from '../../../lib/paths.js';
import { useApiKey } from '../../../lib/session.js';
import { useMessageSearch } from '../api/search-messages.js';
import { MessageStatusBadge } from './message-status-badge.js';

/** The messages the filters select, newest first; "Show more" while there are more (no total). */
export function MessageTable({ filters }: { filters: MessageFilter }) {
  const search = useMessageSearch(useApiKey(), filters);

  if (search.isPending) return <LoadingLine label="Searching messages…" />;
  if (search.isError) return <LoadError message={search.error.message} onRetry={() => search.refetch()} />;
  if (search.messages.length === 0) return <p className="text-sm text-slate-600">No message matches these filters.</p>;

  return (
    <div>
      <Table caption="Messages" stackOnPhone>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Direction</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Status</th>
            <th scope="col">Client ref</th>
            <th scope="col" className="text-right">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {search.messages.map((message) => (
            <tr key={message.id}>
              <td data-label="Time" className="whitespace-nowrap tabular-nums">
                <TextLink to={paths.message.getHref(message.id)} aria-label={`Message ${message.id}, ${formatDateTime(message.created_at)}`}>
                  <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
                </TextLink>
              </td>
              <td data-label="Direction">{message.direction === 'inbound' ? 'Received' : 'Sent'}</td>
              <td data-label="From" className="break-all">
                {message.from}
              </td>
              <td data-label="To" className="tabular-nums">
                {message.to}
              </td>
              <td data-label="Status">
                <MessageStatusBadge status={message.status} />
                {message.status === 'rejected' && message.error_text && <span className="ml-2 text-xs text-slate-600">{message.error_text}</span>}
              </td>
              <td data-label="Client ref" className="break-all">
                {message.client_ref ?? '–'}
              </td>
              <td data-label="Price" className="text-right tabular-nums">
                <Money amount={message.price} />
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
            {search.messages.length === 1 ? 'One message' : `All ${search.messages.length} messages`} shown.
          </p>
        )}
        {search.isFetchNextPageError && <p className="text-sm text-red-700">More messages could not be loaded. Try again.</p>}
      </div>
    </div>
  );
}
