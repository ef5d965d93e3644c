import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityExportQuery, ActivityPage } from '../../../../contract/activity.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';
import { activityKeys } from './query-keys.js';

export const ACTIVITY_PAGE_SIZE = 50;

/** GET /api/activity?actor&api_key&kind&from&to&cursor&limit: newest first; `next_cursor` for the next page. */
export const getActivity = (query: ActivityExportQuery & { cursor?: string; limit?: number }, signal?: AbortSignal) =>
  apiClient.get<ActivityPage>(withQuery('/api/activity', { ...query }), { signal });

export const activityQueryOptions = (apiKey: string, filters: ActivityExportQuery) =>
  infiniteQueryOptions({
    queryKey: activityKeys.list(apiKey, filters),
    queryFn: ({ pageParam, signal }) => getActivity({ ...filters, cursor: pageParam ?? undefined, limit: ACTIVITY_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** The entries the filters select, page by page ("Show more"). */
export function useActivity(apiKey: string, filters: ActivityExportQuery) {
  const query = useInfiniteQuery({ ...activityQueryOptions(apiKey, filters), enabled: apiKey !== '' });
  return { ...query, entries: query.data?.pages.flatMap((page) => page.entries) ?? [] };
}

/** The CSV of everything the filters select, streamed by the server (GET /api/activity/export.csv). */
export const activityExportHref = (filters: ActivityExportQuery) => withQuery('/api/activity/export.csv', { ...filters });
