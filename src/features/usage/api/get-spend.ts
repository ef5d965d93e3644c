import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Spend } from '../../../../contract/usage.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';

/** GET /api/usage/spend[?api_key=]: the last 30 days' spend of the family, or of one of its accounts. */
export const getSpend = (accountKey: string | null, signal?: AbortSignal) => apiClient.get<Spend>(withQuery('/api/usage/spend', { api_key: accountKey }), { signal });

// Keys start with the signed-in family's API key.
export const spendQueryOptions = (apiKey: string, accountKey: string | null) =>
  queryOptions({ queryKey: ['account', apiKey, 'usage', 'spend', accountKey] as const, queryFn: ({ signal }) => getSpend(accountKey, signal), staleTime: 60_000 });

export function useSpend(apiKey: string, accountKey: string | null) {
  return useQuery({ ...spendQueryOptions(apiKey, accountKey), enabled: apiKey !== '' });
}
