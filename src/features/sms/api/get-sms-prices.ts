import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { smsPriceListSchema } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { smsKeys } from './query-keys.js';

export type SmsPriceList = z.infer<typeof smsPriceListSchema>;

/** GET /api/sms/prices: the price of one message part per destination country, in euros. */
export const getSmsPrices = (signal?: AbortSignal) => apiClient.get<SmsPriceList>('/api/sms/prices', { signal });

export const smsPricesQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: smsKeys.prices(apiKey),
    queryFn: ({ signal }) => getSmsPrices(signal),
    staleTime: 10 * 60_000,
  });

export function useSmsPrices(apiKey: string) {
  return useQuery({ ...smsPricesQueryOptions(apiKey), enabled: apiKey !== '' });
}
