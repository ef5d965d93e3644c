import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PaymentMethodList } from '../../../../contract/billing.js';
import { apiClient } from '../../../lib/api-client.js';
import { billingKeys } from './query-keys.js';

export const paymentMethodsUrl = '/api/billing/payment-methods';

/** GET /api/billing/payment-methods: the stored methods (oldest first) and where the card form tokenises. */
export const getPaymentMethods = (signal?: AbortSignal) => apiClient.get<PaymentMethodList>(paymentMethodsUrl, { signal });

export const paymentMethodsQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: billingKeys.methods(apiKey), queryFn: ({ signal }) => getPaymentMethods(signal) });

export function usePaymentMethods(apiKey: string, enabled = true) {
  return useQuery({ ...paymentMethodsQueryOptions(apiKey), enabled: enabled && apiKey !== '' });
}
