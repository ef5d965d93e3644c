import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddCardRequest, BillingAddress, PaymentMethod, SandboxToken, SandboxTokenRequest } from '../../../../contract/billing.js';
import { apiClient } from '../../../lib/api-client.js';
import { paymentMethodsUrl } from './get-payment-methods.js';
import { billingKeys } from './query-keys.js';

/**
 * POST {tokenize_url} `{number, expiry, cvc}`: the processor's hosted field, not our API. Its 422
 * names the card field at fault (number, expiry, cvc). Only the token it answers goes on to us.
 */
export const tokeniseCard = (tokenizeUrl: string, card: SandboxTokenRequest) => apiClient.post<SandboxToken>(tokenizeUrl, card);

/** POST /api/billing/payment-methods/cards `{token, billing_*}`: 201 the method; 409 the card is already stored (here or on another account). */
export const addCard = (body: AddCardRequest) => apiClient.post<PaymentMethod>(`${paymentMethodsUrl}/cards`, body);

export interface AddCardVariables {
  tokenizeUrl: string;
  card: SandboxTokenRequest;
  address: BillingAddress;
}

export function useAddCard(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ tokenizeUrl, card, address }: AddCardVariables) => {
      const { token } = await tokeniseCard(tokenizeUrl, card);
      return addCard({ token, ...address });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: billingKeys.methods(apiKey) }),
  });
}
