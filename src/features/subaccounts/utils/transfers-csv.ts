import { toCsv } from '../../../lib/csv.js';
import type { TransferRecord } from '../api/get-transfers.js';

export const kindLabel = { credit: 'Credit', balance: 'Balance' } as const;

/**
 * The rows on screen as CSV, in the same order and with the same columns (names and API keys
 * apart, so a spreadsheet can match on either); dates in ISO-8601 UTC and amounts as plain numbers.
 */
export function transfersCsv(transfers: readonly TransferRecord[], nameOf: (apiKey: string) => string): string {
  return toCsv(
    ['Date (UTC)', 'Kind', 'From', 'From API key', 'To', 'To API key', 'Amount (EUR)', 'Reference', 'Transfer ID'],
    transfers.map((transfer) => [
      transfer.created_at,
      kindLabel[transfer.kind],
      nameOf(transfer.from),
      transfer.from,
      nameOf(transfer.to),
      transfer.to,
      transfer.amount,
      transfer.reference,
      transfer.id,
    ]),
  );
}
