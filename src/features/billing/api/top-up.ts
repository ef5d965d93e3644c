import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BankTransferRequest, Payment, TopUpRequest, TopUpResult } from '../../../../contract/billing.js';
import { accountSummaryQueryOptions } from '../../../lib/account-summary.js';
import { apiClient } from '../../../lib/api-client.js';
import { sessionQueryKey } from '../../../lib/session.js';
import { billingKeys } from './query-keys.js';

/** After this long without an answer the form stops waiting and offers to retry the same payment. */
export const PAYMENT_TIMEOUT_MS = 30_000;

/**
 * POST /api/billing/top-ups `{method_id, amount}` with an Idempotency-Key: 200 settled (with the new
 * balance), 202 held for review, 402 declined (`payment.failure` says why and whether to retry), 422
 * an amount outside €10–€10 000 or a method that is gone.
 */
export const topUp = (body: TopUpRequest, idempotencyKey: string) =>
  apiClient.post<TopUpResult>('/api/billing/top-ups', body, { headers: { 'Idempotency-Key': idempotencyKey }, timeoutMs: PAYMENT_TIMEOUT_MS });

/** POST /api/billing/bank-transfers `{amount}` with an Idempotency-Key: 201 the pending payment with the bank details and reference. */
export const requestBankTransfer = (body: BankTransferRequest, idempotencyKey: string) =>
  apiClient.post<Payment>('/api/billing/bank-transfers', body, { headers: { 'Idempotency-Key': idempotencyKey }, timeoutMs: PAYMENT_TIMEOUT_MS });

/** What a payment may change: the balance and DEMO mode (summary and session), and the history. */
function useRefreshAfterPayment(apiKey: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: accountSummaryQueryOptions(apiKey).queryKey }),
      queryClient.invalidateQueries({ queryKey: billingKeys.payments(apiKey) }),
      queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
    ]);
}

export function useTopUp(apiKey: string) {
  const refresh = useRefreshAfterPayment(apiKey);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TopUpRequest; idempotencyKey: string }) => topUp(body, idempotencyKey),
    // A decline is recorded in the history too; a lost answer may have paid.
    onSettled: refresh,
  });
}

export function useRequestBankTransfer(apiKey: string) {
  const refresh = useRefreshAfterPayment(apiKey);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BankTransferRequest; idempotencyKey: string }) => requestBankTransfer(body, idempotencyKey),
    onSettled: refresh,
  });
}
