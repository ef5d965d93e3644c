import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ShortCode } from '../../../../contract/short-codes.js';
import { apiClient } from '../../../lib/api-client.js';
import { shortCodeKeys } from './query-keys.js';

/** GET /api/short-codes: the family's shared short codes (those the user's scope shows). */
export const getShortCodes = (signal?: AbortSignal) => apiClient.get<{ items: ShortCode[] }>('/api/short-codes', { signal });

export const shortCodesQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: shortCodeKeys.list(apiKey), queryFn: ({ signal }) => getShortCodes(signal) });

export function useShortCodes(apiKey: string) {
  return useQuery(shortCodesQueryOptions(apiKey));
}
