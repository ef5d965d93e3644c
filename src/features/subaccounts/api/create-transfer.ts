import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BalanceTransfer, CreditTransfer, TransferRequest } from '../../../../contract/subaccounts.js';
import { accountSummaryQueryOptions } from '../../../lib/account-summary.js';
import { apiClient, isApiError } from '../../../lib/api-client.js';
import { unknownOutcomeOf } from '../../../lib/idempotency-key.js';
import type { TransferKind } from '../utils/amounts.js';
import { subaccountKeys, transferKeys } from './query-keys.js';

/** Credit or balance transfers of the family (the public Subaccounts API). */
export const transfersUrl = (apiKey: string, kind: TransferKind) =>
  `/accounts/${encodeURIComponent(apiKey)}/${kind}-transfers`;

/**
 * POST /accounts/{api_key}/{credit|balance}-transfers `{from, to, amount, reference?}` with an
 * Idempotency-Key header (the same key and body replay the first answer instead of moving money
 * twice). 200 with the transfer; 422 invalid_parameters (amount); 403 "Transfer amount is invalid"
 * (Insufficient Credit / Insufficient Balance) or "Invalid Transfer".
 */
export const createTransfer = (apiKey: string, kind: TransferKind, body: TransferRequest, idempotencyKey: string) =>
  apiClient.post<CreditTransfer | BalanceTransfer>(transfersUrl(apiKey, kind), body, {
    headers: { 'Idempotency-Key': idempotencyKey },
    timeoutMs: TRANSFER_TIMEOUT_MS,
  });

/** After this long without an answer the dialog stops waiting and offers to retry the same transfer. */
export const TRANSFER_TIMEOUT_MS = 20_000;

export interface TransferVariables {
  body: TransferRequest;
  idempotencyKey: string;
}

export function useCreateTransfer(apiKey: string, kind: TransferKind) {
  const queryClient = useQueryClient();
  const subaccountOf = (body: TransferRequest) => (body.from === apiKey ? body.to : body.from);
  // What a transfer changes: both sides' numbers (the primary's own, in the lists and the
  // overview's summary; the subaccount's detail and its row) and the history of this kind.
  const refreshFunds = (body: TransferRequest) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: subaccountKeys.primary(apiKey) }),
      queryClient.invalidateQueries({ queryKey: subaccountKeys.detail(apiKey, subaccountOf(body)) }),
      queryClient.invalidateQueries({ queryKey: subaccountKeys.pages(apiKey) }),
      queryClient.invalidateQueries({ queryKey: accountSummaryQueryOptions(apiKey).queryKey }),
    ]);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: TransferVariables) => createTransfer(apiKey, kind, body, idempotencyKey),
    onSuccess: (_transfer, { body }) =>
      Promise.all([refreshFunds(body), queryClient.invalidateQueries({ queryKey: transferKeys.all(apiKey) })]),
    // Refused for lack of funds: what we showed as available was out of date. No answer: it may have
    // been made. Either way, fetch the figures again.
    onError: (error, { body }) => (isApiError(error, 403) || unknownOutcomeOf(error) ? refreshFunds(body) : undefined),
  });
}
