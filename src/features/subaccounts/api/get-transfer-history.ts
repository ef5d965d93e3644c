import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { TransferHistory, TransferHistoryEntry, TransferHistoryQuery } from '../../../../contract/subaccounts.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';
import type { TransferKind } from '../utils/amounts.js';
import { transferKeys } from './query-keys.js';

export type TransferRecord = TransferHistoryEntry;

export interface TransferFilters {
  /** ISO-8601. */
  start_date: string;
  end_date?: string;
  kind?: TransferKind;
  /** Only transfers from or to this subaccount. */
  subaccount?: string;
}

export const TRANSFER_PAGE_SIZE = 100;

/**
 * GET /api/subaccounts/transfers?kind&start_date&end_date&subaccount&offset&limit (console only):
 * credit and balance transfers together, newest first, with the names of both sides, and `total`.
 */
export const getTransferHistory = (query: TransferHistoryQuery, signal?: AbortSignal) =>
  apiClient.get<TransferHistory>(withQuery('/api/subaccounts/transfers', { ...query }), { signal });

export const transferHistoryQueryOptions = (apiKey: string, filters: TransferFilters) =>
  infiniteQueryOptions({
    queryKey: transferKeys.history(apiKey, filters),
    queryFn: ({ pageParam, signal }) => getTransferHistory({ ...filters, offset: pageParam, limit: TRANSFER_PAGE_SIZE }, signal),
    initialPageParam: 0,
    getNextPageParam: (last, _pages, offset) => (offset + TRANSFER_PAGE_SIZE < last.total ? offset + TRANSFER_PAGE_SIZE : undefined),
  });

/** The matching transfers page by page ("Show more"), with how many there are in all. */
export function useTransferHistory(apiKey: string, filters: TransferFilters | null) {
  const query = useInfiniteQuery({
    ...transferHistoryQueryOptions(apiKey, filters ?? { start_date: '' }),
    enabled: apiKey !== '' && filters !== null,
  });
  return { ...query, transfers: query.data?.pages.flatMap((page) => page.items) ?? [], total: query.data?.pages[0]?.total ?? 0 };
}

/** Every matching transfer, fetched page by page at the largest page size (for the CSV export). */
export async function getAllTransfers(filters: TransferFilters): Promise<TransferRecord[]> {
  const limit = 500;
  const all: TransferRecord[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await getTransferHistory({ ...filters, offset, limit });
    all.push(...page.items);
    if (offset + limit >= page.total) return all;
  }
}
