import { toCsv } from '../../../lib/csv.js';
import type { TransferRecord } from '../api/get-transfer-history.js';

export const kindLabel = { credit: 'Credit', balance: 'Balance' } as const;

/** A side of a transfer by name: the signed-in primary is "Your account". */
export function partyName(transfer: TransferRecord, side: 'from' | 'to', primaryKey: string): string {
  return transfer[side] === primaryKey ? 'Your account' : transfer[side === 'from' ? 'from_name' : 'to_name'];
}

/**
 * The rows on screen as CSV, in the same order and with the same columns (names and API keys
 * apart, so a spreadsheet can match on either); dates in ISO-8601 UTC and amounts as plain numbers.
 */
export function transfersCsv(transfers: readonly TransferRecord[], primaryKey: string): string {
  return toCsv(
    ['Date (UTC)', 'Kind', 'From', 'From API key', 'To', 'To API key', 'Amount (EUR)', 'Reference', 'Transfer ID'],
    transfers.map((transfer) => [
      transfer.created_at,
      kindLabel[transfer.kind],
      partyName(transfer, 'from', primaryKey),
      transfer.from,
      partyName(transfer, 'to', primaryKey),
      transfer.to,
      transfer.amount,
      transfer.reference,
      transfer.id,
    ]),
  );
}
