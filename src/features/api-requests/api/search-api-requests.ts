import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ApiRequestFilters, ApiRequestPage } from '../../../../contract/api-requests.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';
import { apiRequestKeys } from './query-keys.js';

export const API_REQUEST_PAGE_SIZE = 50;

/** GET /api/api-requests?from&to&endpoint&status_class&status&api_key&request_id&cursor&limit: newest first. */
export const searchApiRequests = (query: ApiRequestFilters, signal?: AbortSignal) =>
  apiClient.get<ApiRequestPage>(withQuery('/api/api-requests', { ...query }), { signal });

export const apiRequestsQueryOptions = (apiKey: string, filters: ApiRequestFilters) =>
  infiniteQueryOptions({
    queryKey: apiRequestKeys.list(apiKey, filters),
    queryFn: ({ pageParam, signal }) => searchApiRequests({ ...filters, cursor: pageParam ?? undefined, limit: API_REQUEST_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** The requests the filters select, page by page ("Show more"): no total, counting would be slow. */
export function useApiRequests(apiKey: string, filters: ApiRequestFilters) {
  const query = useInfiniteQuery({ ...apiRequestsQueryOptions(apiKey, filters), enabled: apiKey !== '' });
  return { ...query, requests: query.data?.pages.flatMap((page) => page.requests) ?? [] };
}
