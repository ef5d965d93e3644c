import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AccountSummary } from '../../contract/account.js';
import { apiClient } from './api-client.js';

// Shared like the session: the overview shows the balance, and any feature that spends money (a test
// SMS, later a transfer or a number) refreshes it through this one factory.

/** GET /api/account: the signed-in account's balance, credit limit, DEMO mode and first-call flag. */
export const getAccountSummary = (signal?: AbortSignal) => apiClient.get<AccountSummary>('/api/account', { signal });

export const accountSummaryQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: ['account', apiKey, 'summary'],
    queryFn: ({ signal }) => getAccountSummary(signal),
  });

export function useAccountSummary(apiKey: string | undefined) {
  return useQuery({ ...accountSummaryQueryOptions(apiKey ?? ''), enabled: Boolean(apiKey) });
}
