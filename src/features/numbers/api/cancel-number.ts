import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CancelResponse } from '../../../../contract/numbers.js';
import { apiClient } from '../../../lib/api-client.js';
import { numberKeys, numberUrl } from './query-keys.js';

/** POST …/numbers/{msisdn}/cancel: the rental ends at once; `undo_until` says how long it can be restored. */
export const cancelNumber = (account: string, msisdn: string) => apiClient.post<CancelResponse>(`${numberUrl(account, msisdn)}/cancel`);

/** POST …/numbers/{msisdn}/undo-cancel: 204, the same rental back (409 once the 5 minutes are over). */
export const undoCancel = (account: string, msisdn: string) => apiClient.post<void>(`${numberUrl(account, msisdn)}/undo-cancel`);

export function useCancelNumber(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, msisdn }: { account: string; msisdn: string }) => cancelNumber(account, msisdn),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numberKeys.owned(apiKey) }),
  });
}

export function useUndoCancel(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, msisdn }: { account: string; msisdn: string }) => undoCancel(account, msisdn),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numberKeys.owned(apiKey) }),
  });
}
