import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleSearchResponse } from '../../../../contract/numbers.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';
import { numberKeys, type AvailableFilters } from './query-keys.js';

export const SEARCH_PAGE_SIZE = 10;

/** GET /api/numbers/available?country&type&features&pattern&search_pattern&index&size: one page of numbers for sale, with the total. */
export const searchNumbers = (filters: AvailableFilters, signal?: AbortSignal) =>
  apiClient.get<ConsoleSearchResponse>(withQuery('/api/numbers/available', { ...filters, size: SEARCH_PAGE_SIZE }), { signal });

export const searchNumbersQueryOptions = (apiKey: string, filters: AvailableFilters) =>
  queryOptions({ queryKey: numberKeys.availablePage(apiKey, filters), queryFn: ({ signal }) => searchNumbers(filters, signal) });

/** Only once a search was asked for; the previous page stays while the next loads. */
export function useSearchNumbers(apiKey: string, filters: AvailableFilters | null) {
  return useQuery({
    ...searchNumbersQueryOptions(apiKey, filters ?? { country: '', index: 1 }),
    enabled: apiKey !== '' && filters !== null,
    placeholderData: keepPreviousData,
  });
}
