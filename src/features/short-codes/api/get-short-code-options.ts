import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ShortCodeOptions } from '../../../../contract/short-codes.js';
import { apiClient } from '../../../lib/api-client.js';
import { shortCodeKeys } from './query-keys.js';

/** GET /api/short-codes/options: the pool of shared codes and the accounts that may add one. */
export const getShortCodeOptions = (signal?: AbortSignal) => apiClient.get<ShortCodeOptions>('/api/short-codes/options', { signal });

export const shortCodeOptionsQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: shortCodeKeys.options(apiKey), queryFn: ({ signal }) => getShortCodeOptions(signal), staleTime: 5 * 60_000 });

export function useShortCodeOptions(apiKey: string) {
  return useQuery(shortCodeOptionsQueryOptions(apiKey));
}
