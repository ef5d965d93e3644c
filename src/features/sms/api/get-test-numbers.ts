import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { testNumberListSchema } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { smsKeys } from './query-keys.js';

export type TestNumberList = z.infer<typeof testNumberListSchema>;

export const testNumbersUrl = '/api/test-numbers';
export const testNumberUrl = (id: string) => `${testNumbersUrl}/${encodeURIComponent(id)}`;

/** GET /api/test-numbers: the account's test numbers (the only destinations in DEMO mode) and the maximum. */
export const getTestNumbers = (signal?: AbortSignal) => apiClient.get<TestNumberList>(testNumbersUrl, { signal });

export const testNumbersQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: smsKeys.testNumbers(apiKey),
    queryFn: ({ signal }) => getTestNumbers(signal),
  });

export function useTestNumbers(apiKey: string) {
  return useQuery({ ...testNumbersQueryOptions(apiKey), enabled: apiKey !== '' });
}
