import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { balanceTransferListSchema, creditTransferListSchema } from '../../../../contract/subaccounts.js';
import { apiClient } from '../../../lib/api-client.js';
import type { TransferKind } from '../utils/amounts.js';
import { transferKeys } from './query-keys.js';
import { withQuery } from '../../../lib/url.js';

export interface TransferFilters {
  /** ISO-8601; required by the API. */
  start_date: string;
  end_date?: string;
  /** Only transfers from or to these subaccounts (none: all of them). */
  subaccounts: string[];
}

/** A credit or balance transfer, with its kind, as the tables show both together. */
export interface TransferRecord {
  id: string;
  kind: TransferKind;
  amount: number;
  from: string;
  to: string;
  reference: string;
  created_at: string;
}

/** Credit or balance transfers of the family: POST one, or GET them filtered by date and subaccount. */
export const transfersUrl = (apiKey: string, kind: TransferKind) =>
  `/accounts/${encodeURIComponent(apiKey)}/${kind}-transfers`;

type CreditTransferList = z.infer<typeof creditTransferListSchema>;
type BalanceTransferList = z.infer<typeof balanceTransferListSchema>;

/**
 * GET /accounts/{api_key}/{credit|balance}-transfers?start_date&end_date&subaccount=…: oldest first,
 * in `_embedded.credit_transfers` or `_embedded.balance_transfers`.
 */
export async function getTransfers(
  apiKey: string,
  kind: TransferKind,
  filters: TransferFilters,
  signal?: AbortSignal,
): Promise<TransferRecord[]> {
  const url = withQuery(transfersUrl(apiKey, kind), {
    start_date: filters.start_date,
    end_date: filters.end_date,
    subaccount: filters.subaccounts,
  });
  const list =
    kind === 'credit'
      ? (await apiClient.get<CreditTransferList>(url, { signal }))._embedded.credit_transfers
      : (await apiClient.get<BalanceTransferList>(url, { signal }))._embedded.balance_transfers;
  return list.map(({ id, amount, from, to, reference, created_at }) => ({ id, kind, amount, from, to, reference, created_at }));
}

export const transfersQueryOptions = (apiKey: string, kind: TransferKind, filters: TransferFilters) =>
  queryOptions({
    queryKey: [...transferKeys.kind(apiKey, kind), filters] as const,
    queryFn: ({ signal }) => getTransfers(apiKey, kind, filters, signal),
  });

export function useTransfers(apiKey: string, kind: TransferKind, filters: TransferFilters, { enabled = true } = {}) {
  return useQuery({ ...transfersQueryOptions(apiKey, kind, filters), enabled: enabled && apiKey !== '' });
}
