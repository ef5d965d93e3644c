import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Subaccount } from '../../../../contract/subaccounts.js';
import { apiClient } from '../../../lib/api-client.js';
import { subaccountKeys } from './query-keys.js';

/** The public Subaccounts API's collection: the primary and all its subaccounts (the console pages instead). */
export const subaccountsUrl = (apiKey: string) => `/accounts/${encodeURIComponent(apiKey)}/subaccounts`;

export const subaccountUrl = (apiKey: string, subKey: string) =>
  `${subaccountsUrl(apiKey)}/${encodeURIComponent(subKey)}`;

/** GET /accounts/{api_key}/subaccounts/{subaccount_key}: 404 "Invalid API Key" when not in this family. */
export const getSubaccount = (apiKey: string, subKey: string, signal?: AbortSignal) =>
  apiClient.get<Subaccount>(subaccountUrl(apiKey, subKey), { signal });

export const subaccountQueryOptions = (apiKey: string, subKey: string) =>
  queryOptions({
    queryKey: subaccountKeys.detail(apiKey, subKey),
    queryFn: ({ signal }) => getSubaccount(apiKey, subKey, signal),
  });

/** Its balance changes as it spends: refreshed every 5 s while its page is open (not after an error, e.g. a 404). */
export function useSubaccount(apiKey: string, subKey: string) {
  return useQuery({
    ...subaccountQueryOptions(apiKey, subKey),
    enabled: apiKey !== '' && subKey !== '',
    refetchInterval: (query) => (query.state.status === 'error' ? false : 5_000),
  });
}
