import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Runway } from '../../../../contract/balance-alerts.js';
import { apiClient } from '../../../lib/api-client.js';
import { balanceAlertKeys } from './query-keys.js';

/** GET /api/balance-alerts/:key/runway: when the balance reaches the alert threshold and zero at the last 7 days' spend. */
export const getRunway = (accountKey: string, signal?: AbortSignal) =>
  apiClient.get<Runway>(`/api/balance-alerts/${encodeURIComponent(accountKey)}/runway`, { signal });

export const runwayQueryOptions = (apiKey: string, accountKey: string) =>
  queryOptions({
    queryKey: balanceAlertKeys.runway(apiKey, accountKey),
    queryFn: ({ signal }) => getRunway(accountKey, signal),
  });

export function useRunway(apiKey: string, accountKey: string) {
  return useQuery({ ...runwayQueryOptions(apiKey, accountKey), enabled: apiKey !== '' && accountKey !== '' });
}
