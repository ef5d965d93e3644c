import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddTestNumberRequest, TestNumber } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { testNumbersQueryOptions } from './get-test-numbers.js';
import { testNumbersUrl } from './get-test-numbers.js';

/**
 * POST /api/test-numbers: 201 with the pending number, and a PIN sent to it by SMS. 409 when it is
 * already on the list, 422 on `number` (invalid, or the maximum reached).
 */
export const addTestNumber = (body: AddTestNumberRequest) => apiClient.post<TestNumber>(testNumbersUrl, body);

export function useAddTestNumber(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addTestNumber,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: testNumbersQueryOptions(apiKey).queryKey }),
  });
}
