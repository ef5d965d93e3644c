import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BillingAddress, CompletePayPalRequest, PaymentMethod } from '../../../../contract/billing.js';
import { apiClient } from '../../../lib/api-client.js';
import { paymentMethodsUrl } from './get-payment-methods.js';
import { billingKeys } from './query-keys.js';

/** POST /api/billing/payment-methods/paypal: where to send the browser to approve at PayPal. */
export const startPayPal = () => apiClient.post<{ approve_url: string }>(`${paymentMethodsUrl}/paypal`);

/** POST /api/billing/payment-methods/paypal/complete: 201 the stored account; 422 cancelled or unknown; 409 used elsewhere. */
export const completePayPal = (body: CompletePayPalRequest) => apiClient.post<PaymentMethod>(`${paymentMethodsUrl}/paypal/complete`, body);

// The billing address is asked before the customer leaves for PayPal and sent when they come back.
const ADDRESS_KEY = 'switchboard.paypal-billing-address';

export function rememberPayPalAddress(address: BillingAddress): void {
  sessionStorage.setItem(ADDRESS_KEY, JSON.stringify(address));
}

export function rememberedPayPalAddress(): BillingAddress | null {
  const stored = sessionStorage.getItem(ADDRESS_KEY);
  return stored ? (JSON.parse(stored) as BillingAddress) : null;
}

export function forgetPayPalAddress(): void {
  sessionStorage.removeItem(ADDRESS_KEY);
}

export function useCompletePayPal(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completePayPal,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: billingKeys.methods(apiKey) }),
  });
}
