import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PaymentList } from '../../../../contract/billing.js';
import { apiClient } from '../../../lib/api-client.js';
import { billingKeys } from './query-keys.js';

/** GET /api/billing/payments: the billing history, newest first. */
export const getPayments = (signal?: AbortSignal) => apiClient.get<PaymentList>('/api/billing/payments?limit=100', { signal });

export const paymentsQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: billingKeys.payments(apiKey), queryFn: ({ signal }) => getPayments(signal) });

export function usePayments(apiKey: string) {
  return useQuery({ ...paymentsQueryOptions(apiKey), enabled: apiKey !== '' });
}
