import { Badge } from '../../../components/ui/badge.js';
import { Table } from '../../../components/ui/table.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { Money } from '../../../components/ui/money.js';
import type { TransferRecord } from '../api/get-transfer-history.js';
import { kindLabel, partyName } from '../utils/transfers-csv.js';

/** Credit and balance transfers, newest first as given; accounts by name with their API key. */
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
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Kind</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col" className="text-right">
            Amount
          </th>
          <th scope="col">Reference</th>
        </tr>
      </thead>
      <tbody>
        {transfers.map((transfer) => (
          <tr key={`${transfer.kind}-${transfer.id}`}>
            <td className="whitespace-nowrap tabular-nums">
              <time dateTime={transfer.created_at}>{formatDateTime(transfer.created_at)}</time>
            </td>
            <td>
              <Badge tone={transfer.kind === 'credit' ? 'info' : 'neutral'}>{kindLabel[transfer.kind]}</Badge>
            </td>
            <AccountCell apiKey={transfer.from} name={partyName(transfer, 'from', primaryKey)} />
            <AccountCell apiKey={transfer.to} name={partyName(transfer, 'to', primaryKey)} />
            <td className="text-right whitespace-nowrap tabular-nums">
              <Money amount={transfer.amount} />
            </td>
            <td className="max-w-56 truncate" title={transfer.reference || undefined}>
              {transfer.reference || <span className="text-slate-400">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function AccountCell({ apiKey, name }: { apiKey: string; name: string }) {
  return (
    <td className="max-w-48">
      <span className="block truncate">{name}</span>
      {name !== apiKey && <span className="block font-mono text-xs text-slate-500">{apiKey}</span>}
    </td>
  );
}
