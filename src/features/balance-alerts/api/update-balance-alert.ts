import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BalanceAlert, UpdateBalanceAlertRequest } from '../../../../contract/balance-alerts.js';
import { apiClient } from '../../../lib/api-client.js';
import { balanceAlertKeys } from './query-keys.js';

/** PUT /api/balance-alerts/:key with `{enabled, threshold (EUR), recipients}`. */
export const updateBalanceAlert = (accountKey: string, body: UpdateBalanceAlertRequest) =>
  apiClient.put<BalanceAlert>(`/api/balance-alerts/${encodeURIComponent(accountKey)}`, body);

export function useUpdateBalanceAlert(apiKey: string, accountKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBalanceAlertRequest) => updateBalanceAlert(accountKey, body),
    onSuccess: (alert) => {
      queryClient.setQueryData(balanceAlertKeys.alert(apiKey, accountKey), alert);
      // The runway dates the threshold: it moves with it.
      void queryClient.invalidateQueries({ queryKey: balanceAlertKeys.runway(apiKey, accountKey) });
    },
  });
}
