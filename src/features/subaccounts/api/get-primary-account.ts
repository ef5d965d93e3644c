import { queryOptions, useQuery } from '@tanstack/react-query';
import { getSubaccountPage } from './get-subaccount-page.js';
import { subaccountKeys } from './query-keys.js';

/**
 * The primary's own numbers: GET /api/subaccounts?limit=1 carries them in `primary`, so a subaccount's
 * page never downloads the unpaged public list (megabytes for a family of 10 000).
 */
export const primaryAccountQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: subaccountKeys.primary(apiKey),
    queryFn: async ({ signal }) => (await getSubaccountPage({ limit: 1 }, signal)).primary,
  });

export function usePrimaryAccount(apiKey: string) {
  return useQuery({ ...primaryAccountQueryOptions(apiKey), enabled: apiKey !== '' });
}
