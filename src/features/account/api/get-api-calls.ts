import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiCallList } from '../../../../contract/account.js';
import { apiClient } from '../../../lib/api-client.js';
import { accountKeys } from './query-keys.js';
import { withQuery } from '../../../lib/url.js';

/** GET /api/account/api-calls?limit=: the latest calls made with the family's API keys, newest first. */
export const getApiCalls = (limit: number, signal?: AbortSignal) =>
  apiClient.get<ApiCallList>(withQuery('/api/account/api-calls', { limit }), { signal });

export const apiCallsQueryOptions = (apiKey: string, limit = 10) =>
  queryOptions({
    queryKey: accountKeys.apiCalls(apiKey, limit),
    queryFn: ({ signal }) => getApiCalls(limit, signal),
  });

export function useApiCalls(apiKey: string, limit = 10) {
  return useQuery({ ...apiCallsQueryOptions(apiKey, limit), enabled: apiKey !== '' });
}
