import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UsageRetention } from '../../../../contract/api-requests.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiRequestKeys } from './query-keys.js';

/** GET /api/api-requests/retention: the periods the purge job keeps requests, messages and message text. */
export const getRetention = (signal?: AbortSignal) => apiClient.get<UsageRetention>('/api/api-requests/retention', { signal });

export const retentionQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: apiRequestKeys.retention(apiKey), queryFn: ({ signal }) => getRetention(signal), staleTime: Infinity });

export function useRetention(apiKey: string) {
  return useQuery({ ...retentionQueryOptions(apiKey), enabled: apiKey !== '' });
}
