import { Badge } from '../../../components/ui/badge.js';
import { Table } from '../../../components/ui/table.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { Money } from '../../../components/ui/money.js';
import type { TransferRecord } from '../api/get-transfer-history.js';
import { kindLabel, partyName } from '../utils/transfers-csv.js';

/**
 * Credit and balance transfers, newest first as given; accounts by name with their API key. The
 * amount comes third, so that it stays in view where the table scrolls sideways; on a phone each
 * transfer is a card led by its amount and kind.
 */
export function TransfersTable({
  caption,
  transfers,
  primaryKey,
}: {
  caption: string;
  transfers: readonly TransferRecord[];
  primaryKey: string;
}) {
  return (
    <Table caption={caption} stackOnPhone>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Kind</th>
          <th scope="col" className="text-right">
            Amount
          </th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Reference</th>
        </tr>
      </thead>
      <tbody>
        {transfers.map((transfer) => (
          <tr key={`${transfer.kind}-${transfer.id}`}>
            <td data-label="Date" className="whitespace-nowrap tabular-nums max-sm:order-1">
              <time dateTime={transfer.created_at}>{formatDateTime(transfer.created_at)}</time>
            </td>
            <td className="max-sm:-order-1 max-sm:self-center max-sm:justify-self-end">
              <Badge tone={transfer.kind === 'credit' ? 'info' : 'neutral'}>{kindLabel[transfer.kind]}</Badge>
            </td>
            <td className="text-right whitespace-nowrap tabular-nums max-sm:order-first max-sm:text-base max-sm:font-semibold">
              <Money amount={transfer.amount} />
            </td>
            <AccountCell label="From" apiKey={transfer.from} name={partyName(transfer, 'from', primaryKey)} />
            <AccountCell label="To" apiKey={transfer.to} name={partyName(transfer, 'to', primaryKey)} />
            <td
              data-label="Reference"
              className="max-w-56 truncate max-sm:order-2 max-sm:col-span-2 max-sm:max-w-none"
              title={transfer.reference || undefined}
            >
              {transfer.reference || <span className="text-slate-400">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function AccountCell({ label, apiKey, name }: { label: string; apiKey: string; name: string }) {
  return (
    <td data-label={label} className="max-w-48 max-sm:max-w-none">
      <span className="block truncate" title={name}>
        {name}
      </span>
      {name !== apiKey && <span className="block font-mono text-xs text-slate-500">{apiKey}</span>}
    </td>
  );
}
