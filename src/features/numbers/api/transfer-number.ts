import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleTransferRequest } from '../../../../contract/numbers.js';
import { apiClient } from '../../../lib/api-client.js';
import { numberKeys, numberUrl } from './query-keys.js';

/** POST …/numbers/{msisdn}/transfer `{country, to}`: moves it between the primary and one of its subaccounts; the renewal day stays. */
export const transferNumber = (account: string, msisdn: string, body: ConsoleTransferRequest) => apiClient.post<unknown>(`${numberUrl(account, msisdn)}/transfer`, body);

export function useTransferNumber(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, msisdn, body }: { account: string; msisdn: string; body: ConsoleTransferRequest }) => transferNumber(account, msisdn, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numberKeys.owned(apiKey) }),
  });
}
