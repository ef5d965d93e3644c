import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.js';
import { testNumbersQueryOptions } from './get-test-numbers.js';
import { testNumberUrl } from './get-test-numbers.js';

/** DELETE /api/test-numbers/{id}: 204; the number can no longer receive DEMO messages. */
export const deleteTestNumber = (id: string) => apiClient.delete(testNumberUrl(id));

export function useDeleteTestNumber(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTestNumber,
    onSettled: () => queryClient.invalidateQueries({ queryKey: testNumbersQueryOptions(apiKey).queryKey }),
  });
}
