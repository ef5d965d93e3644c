import { useMemo } from 'react';
import { useTransfers, type TransferFilters, type TransferRecord } from '../api/get-transfers.js';
import type { KindFilter } from '../utils/transfer-filters.js';

const EMPTY: TransferFilters = { start_date: '1970-01-01T00:00:00.000Z', subaccounts: [] };

/** Credit and balance transfers matching `filters` (null: none), merged newest first. */
export function useTransferList(apiKey: string, kind: KindFilter, filters: TransferFilters | null) {
  const credit = useTransfers(apiKey, 'credit', filters ?? EMPTY, { enabled: filters !== null && kind !== 'balance' });
  const balance = useTransfers(apiKey, 'balance', filters ?? EMPTY, { enabled: filters !== null && kind !== 'credit' });
  const queries = [kind !== 'balance' && credit, kind !== 'credit' && balance].filter((query) => query !== false);

  const transfers = useMemo(() => {
    const merged: TransferRecord[] = [
      ...(kind !== 'balance' ? (credit.data ?? []) : []),
      ...(kind !== 'credit' ? (balance.data ?? []) : []),
    ];
    return merged.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
  }, [kind, credit.data, balance.data]);

  return {
    transfers,
    isPending: filters !== null && queries.some((query) => query.isPending),
    error: queries.find((query) => query.isError)?.error ?? null,
    refetch: () => Promise.all(queries.map((query) => query.refetch())),
  };
}
