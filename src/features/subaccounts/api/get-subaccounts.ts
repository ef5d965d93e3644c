import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SubaccountList } from '../../../../contract/subaccounts.js';
import { apiClient } from '../../../lib/api-client.js';
import { subaccountKeys } from './query-keys.js';

export const subaccountsUrl = (apiKey: string) => `/accounts/${encodeURIComponent(apiKey)}/subaccounts`;

/**
 * GET /accounts/{api_key}/subaccounts (the public API, with the session cookie): the primary's own
 * balance and credit limit in `_embedded.primary_account`, and every subaccount, unpaged.
 */
export const getSubaccounts = (apiKey: string, signal?: AbortSignal) =>
  apiClient.get<SubaccountList>(subaccountsUrl(apiKey), { signal });

export const subaccountFamilyQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: subaccountKeys.family(apiKey),
    queryFn: ({ signal }) => getSubaccounts(apiKey, signal),
  });

export function useSubaccountFamily(apiKey: string) {
  return useQuery({ ...subaccountFamilyQueryOptions(apiKey), enabled: apiKey !== '' });
}
