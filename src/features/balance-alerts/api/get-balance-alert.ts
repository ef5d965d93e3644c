import { queryOptions, useQuery } from '@tanstack/react-query';
import type { BalanceAlert } from '../../../../contract/balance-alerts.js';
import { apiClient } from '../../../lib/api-client.js';
import { balanceAlertKeys } from './query-keys.js';

/** GET /api/balance-alerts/:key: on/off, threshold (EUR), recipients, and whether this crossing was alerted. */
export const getBalanceAlert = (accountKey: string, signal?: AbortSignal) =>
  apiClient.get<BalanceAlert>(`/api/balance-alerts/${encodeURIComponent(accountKey)}`, { signal });

export const balanceAlertQueryOptions = (apiKey: string, accountKey: string) =>
  queryOptions({
    queryKey: balanceAlertKeys.alert(apiKey, accountKey),
    queryFn: ({ signal }) => getBalanceAlert(accountKey, signal),
  });

export function useBalanceAlert(apiKey: string, accountKey: string) {
  return useQuery({ ...balanceAlertQueryOptions(apiKey, accountKey), enabled: apiKey !== '' && accountKey !== '' });
}
