import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TestNumber } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { testNumbersQueryOptions } from './get-test-numbers.js';
import { testNumberUrl } from './get-test-numbers.js';

/** POST /api/test-numbers/{id}/resend: a new PIN and three new attempts; 429 with `retry_after` during the cooldown. */
export const resendTestPin = (id: string) => apiClient.post<TestNumber>(`${testNumberUrl(id)}/resend`);

export function useResendTestPin(apiKey: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => resendTestPin(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: testNumbersQueryOptions(apiKey).queryKey }),
  });
}
