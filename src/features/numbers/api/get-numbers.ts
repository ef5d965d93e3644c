import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { NumberList, NumberListQuery } from '../../../../contract/numbers.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';
import { numberKeys } from './query-keys.js';

export const NUMBERS_PAGE_SIZE = 20;

/** GET /api/numbers?country&account&type&search&offset&limit: one page of the family's numbers (those in the member's scope). */
export const getNumbers = (query: NumberListQuery, signal?: AbortSignal) => apiClient.get<NumberList>(withQuery('/api/numbers', { ...query }), { signal });

export const numbersQueryOptions = (apiKey: string, query: NumberListQuery) =>
  queryOptions({ queryKey: numberKeys.ownedPage(apiKey, query), queryFn: ({ signal }) => getNumbers(query, signal) });

export function useNumbers(apiKey: string, query: NumberListQuery) {
  return useQuery({ ...numbersQueryOptions(apiKey, query), enabled: apiKey !== '', placeholderData: keepPreviousData });
}
