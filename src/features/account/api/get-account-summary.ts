import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AccountSummary } from '../../../../contract/account.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';

/** GET /api/account: the signed-in account's balance, credit limit and mode. */
export const getAccountSummary = (signal?: AbortSignal) => apiClient.get<AccountSummary>(apiPaths.account, { signal });

export const accountSummaryQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: ['account', apiKey, 'summary'],
    queryFn: ({ signal }) => getAccountSummary(signal),
  });

export function useAccountSummary(apiKey: string | undefined) {
  return useQuery({ ...accountSummaryQueryOptions(apiKey ?? ''), enabled: Boolean(apiKey) });
}
