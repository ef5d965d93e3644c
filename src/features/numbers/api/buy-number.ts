import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleBuyRequest } from '../../../../contract/numbers.js';
import { apiClient } from '../../../lib/api-client.js';
import { accountSummaryQueryOptions } from '../../../lib/account-summary.js';
import { numberKeys } from './query-keys.js';

/** POST /api/accounts/{key}/numbers `{country, msisdn}`: 204; the setup price and first month are charged at once (409 when refused). */
export const buyNumber = (account: string, body: ConsoleBuyRequest) => apiClient.post<void>(`/api/accounts/${encodeURIComponent(account)}/numbers`, body);

export function useBuyNumber(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, number }: { account: string; number: ConsoleBuyRequest }) => buyNumber(account, number),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: numberKeys.all(apiKey) }),
        queryClient.invalidateQueries({ queryKey: accountSummaryQueryOptions(apiKey).queryKey }),
      ]),
  });
}
