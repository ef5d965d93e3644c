import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { SubaccountPage, SubaccountPageQuery } from '../../../../contract/subaccounts.js';
import { apiClient } from '../../../lib/api-client.js';
import type { SubaccountListParams } from '../utils/list-params.js';
import { subaccountKeys } from './query-keys.js';
import { withQuery } from '../../../lib/url.js';

export const SUBACCOUNT_PAGE_SIZE = 200;
/** Pages kept in memory: the window around what is on screen (and what the 5 s refresh fetches again). */
const MAX_PAGES = 10;
export const LIST_REFRESH_MS = 5_000;

/**
 * GET /api/subaccounts?search&status&balance_mode&sort&order&offset&limit (console only): one page
 * plus `total` (matching the filters) and `totals` over the whole family, primary included.
 */
export const getSubaccountPage = (query: SubaccountPageQuery, signal?: AbortSignal) =>
  apiClient.get<SubaccountPage>(withQuery('/api/subaccounts', { ...query }), { signal });

/**
 * Pages by offset in both directions, so that only a window of a 10 000-row list is held and
 * refreshed. `start` is where the window begins: a jump far down the list (dragging the scrollbar)
 * starts a new window there instead of loading every page on the way.
 */
export const subaccountPagesQueryOptions = (apiKey: string, params: SubaccountListParams, start = 0) =>
  infiniteQueryOptions({
    queryKey: [...subaccountKeys.pages(apiKey), params, start] as const,
    queryFn: ({ pageParam, signal }) =>
      getSubaccountPage(
        {
          search: params.search || undefined,
          status: params.status || undefined,
          balance_mode: params.balance_mode || undefined,
          sort: params.sort,
          order: params.order,
          offset: pageParam,
          limit: SUBACCOUNT_PAGE_SIZE,
        },
        signal,
      ),
    initialPageParam: start,
    getNextPageParam: (last, _pages, lastOffset) =>
      lastOffset + SUBACCOUNT_PAGE_SIZE < last.total ? lastOffset + SUBACCOUNT_PAGE_SIZE : undefined,
    getPreviousPageParam: (_first, _pages, firstOffset) =>
      firstOffset > 0 ? Math.max(0, firstOffset - SUBACCOUNT_PAGE_SIZE) : undefined,
    maxPages: MAX_PAGES,
  });

/** Live while on screen: refetched every 5 s, the previous rows kept while a new search loads. */
export function useSubaccountPages(apiKey: string, params: SubaccountListParams, start = 0) {
  return useInfiniteQuery({
    ...subaccountPagesQueryOptions(apiKey, params, start),
    enabled: apiKey !== '',
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** Up to 20 subaccounts whose name or API key contains `search`, by name: for choosing one of 10 000. */
export function useSubaccountSearch(apiKey: string, search: string) {
  return useQuery({
    ...queryOptions({
      queryKey: subaccountKeys.search(apiKey, search),
      queryFn: ({ signal }) => getSubaccountPage({ search: search || undefined, sort: 'name', order: 'asc', limit: 20 }, signal),
    }),
    enabled: apiKey !== '',
    placeholderData: keepPreviousData,
  });
}
