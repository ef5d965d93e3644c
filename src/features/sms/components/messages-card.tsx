import { Card } from '../../../components/ui/card.js';
import { Table } from '../../../components/ui/table.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { Money } from '../../../components/ui/money.js';
import { useMessages } from '../api/get-messages.js';
import { formatPhone } from './phone.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';

/** The latest SMS sent by the account (from the console or the API). */
export function MessagesCard({ apiKey }: { apiKey: string }) {
  const messages = useMessages(apiKey, 10);
  return (
    <Card title="Recent messages">
      {messages.isPending ? (
        <LoadingLine label="Loading messages…" />
      ) : messages.isError ? (
        <LoadError message={messages.error.message} onRetry={() => messages.refetch()} />
      ) : messages.data.messages.length === 0 ? (
        <p className="text-sm text-slate-500">No messages sent yet.</p>
      ) : (
        <Table caption="Recent messages" stackOnPhone>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Message</th>
              <th scope="col" className="text-right">
                Parts
              </th>
              <th scope="col" className="text-right">
                Price
              </th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {messages.data.messages.map((message) => (
              <tr key={message.id}>
                <td data-label="To" className="whitespace-nowrap tabular-nums max-sm:-order-1">
                  {formatPhone(message.to)}
                </td>
                <td data-label="Message" className="max-w-md break-words max-sm:col-span-2 max-sm:max-w-none">
                  {message.text ?? <span className="text-slate-500">Text not stored</span>}
                </td>
                <td data-label="Parts" className="text-right tabular-nums">
                  {message.parts}
                </td>
                <td data-label="Price" className="text-right tabular-nums max-sm:-order-1">
                  <Money amount={message.price} />
                </td>
                <td data-label="Sent" className="whitespace-nowrap tabular-nums">
                  <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
