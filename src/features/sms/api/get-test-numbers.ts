import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { testNumberListSchema } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';

export type TestNumberList = z.infer<typeof testNumberListSchema>;

/** GET /api/test-numbers: the account's test numbers (the only destinations in DEMO mode) and the maximum. */
export const getTestNumbers = (signal?: AbortSignal) => apiClient.get<TestNumberList>(apiPaths.testNumbers, { signal });

export const testNumbersQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: ['account', apiKey, 'test-numbers'],
    queryFn: ({ signal }) => getTestNumbers(signal),
  });

export function useTestNumbers(apiKey: string) {
  return useQuery({ ...testNumbersQueryOptions(apiKey), enabled: apiKey !== '' });
}
