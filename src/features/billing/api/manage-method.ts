import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PaymentMethod } from '../../../../contract/billing.js';
import { apiClient } from '../../../lib/api-client.js';
import { paymentMethodsUrl } from './get-payment-methods.js';
import { billingKeys } from './query-keys.js';

const methodUrl = (methodId: string) => `${paymentMethodsUrl}/${encodeURIComponent(methodId)}`;

/** POST /api/billing/payment-methods/{id}/default: 200 the method; 404 already deleted. */
export const setDefaultMethod = (methodId: string) => apiClient.post<PaymentMethod>(`${methodUrl(methodId)}/default`);

/** DELETE /api/billing/payment-methods/{id}: 204; 404 already deleted. */
export const deleteMethod = (methodId: string) => apiClient.delete(methodUrl(methodId));

export function useSetDefaultMethod(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: setDefaultMethod, onSettled: () => queryClient.invalidateQueries({ queryKey: billingKeys.methods(apiKey) }) });
}

export function useDeleteMethod(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteMethod, onSettled: () => queryClient.invalidateQueries({ queryKey: billingKeys.methods(apiKey) }) });
}
