import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { smsPriceListSchema } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';

export type SmsPriceList = z.infer<typeof smsPriceListSchema>;

/** GET /api/sms/prices: the price of one message part per destination country, in euros. */
export const getSmsPrices = (signal?: AbortSignal) => apiClient.get<SmsPriceList>(apiPaths.smsPrices, { signal });

export const smsPricesQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: ['account', apiKey, 'sms-prices'],
    queryFn: ({ signal }) => getSmsPrices(signal),
    staleTime: 10 * 60_000,
  });

export function useSmsPrices(apiKey: string) {
  return useQuery({ ...smsPricesQueryOptions(apiKey), enabled: apiKey !== '' });
}
