import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiCallList } from '../../../../contract/account.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';

/** GET /api/account/api-calls?limit=: the latest calls made with the family's API keys, newest first. */
export const getApiCalls = (limit: number, signal?: AbortSignal) =>
  apiClient.get<ApiCallList>(apiPaths.apiCalls(limit), { signal });

export const apiCallsQueryOptions = (apiKey: string, limit = 10) =>
  queryOptions({
    queryKey: ['account', apiKey, 'api-calls', { limit }],
    queryFn: ({ signal }) => getApiCalls(limit, signal),
  });

export function useApiCalls(apiKey: string, limit = 10) {
  return useQuery({ ...apiCallsQueryOptions(apiKey, limit), enabled: apiKey !== '' });
}
