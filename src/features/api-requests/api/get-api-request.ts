import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../../contract/api-requests.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiRequestKeys } from './query-keys.js';

/** GET /api/api-requests/:id: one request of the family (404 outside the caller's scope). */
export const getApiRequest = (id: string, signal?: AbortSignal) => apiClient.get<ApiRequest>(`/api/api-requests/${encodeURIComponent(id)}`, { signal });

export const apiRequestQueryOptions = (apiKey: string, id: string) =>
  queryOptions({ queryKey: apiRequestKeys.detail(apiKey, id), queryFn: ({ signal }) => getApiRequest(id, signal), staleTime: Infinity });

export function useApiRequest(apiKey: string, id: string) {
  return useQuery({ ...apiRequestQueryOptions(apiKey, id), enabled: apiKey !== '' });
}
