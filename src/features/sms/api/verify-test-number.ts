import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TestNumber, VerifyTestNumberRequest } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { testNumbersQueryOptions } from './get-test-numbers.js';
import { testNumberUrl } from './get-test-numbers.js';

/** POST /api/test-numbers/{id}/verify: 200 verified; 422 on `pin` with `attempts_left`; 409 already verified. */
export const verifyTestNumber = (id: string, body: VerifyTestNumberRequest) =>
  apiClient.post<TestNumber>(`${testNumberUrl(id)}/verify`, body);

export function useVerifyTestNumber(apiKey: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerifyTestNumberRequest) => verifyTestNumber(id, body),
    // A wrong PIN changes the attempts left, so the list is refreshed either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: testNumbersQueryOptions(apiKey).queryKey }),
  });
}
