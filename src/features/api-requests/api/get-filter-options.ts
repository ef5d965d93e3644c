import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiRequestFilterOptions } from '../../../../contract/api-requests.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiRequestKeys } from './query-keys.js';

/** GET /api/api-requests/filters: the public endpoints and the keys the caller may see. */
export const getFilterOptions = (signal?: AbortSignal) => apiClient.get<ApiRequestFilterOptions>('/api/api-requests/filters', { signal });

export const filterOptionsQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: apiRequestKeys.filterOptions(apiKey), queryFn: ({ signal }) => getFilterOptions(signal), staleTime: 60_000 });

export function useFilterOptions(apiKey: string) {
  return useQuery({ ...filterOptionsQueryOptions(apiKey), enabled: apiKey !== '' });
}
