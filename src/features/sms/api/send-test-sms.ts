import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SmsTestRequest, SmsTestResult } from '../../../../contract/sms.js';
import { accountSummaryQueryOptions } from '../../../lib/account-summary.js';
import { apiClient } from '../../../lib/api-client.js';
import { smsKeys } from './query-keys.js';

/**
 * POST /api/sms/test: sends from the signed-in account, charged like /sms/json. HTTP 200 for every
 * outcome: `status` 0 with parts, price and remaining_balance, or the refusal (`error_text`).
 */
export const sendTestSms = (body: SmsTestRequest) => apiClient.post<SmsTestResult>('/api/sms/test', body);

export function useSendTestSms(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestSms,
    onSuccess: (result) => {
      if (result.status !== 0) return;
      // An accepted message is charged and stored: the balance and the message list change.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: accountSummaryQueryOptions(apiKey).queryKey }),
        queryClient.invalidateQueries({ queryKey: smsKeys.messages(apiKey) }),
      ]);
    },
  });
}
