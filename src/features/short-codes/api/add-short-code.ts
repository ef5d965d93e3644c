import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddShortCodeRequest, ShortCode } from '../../../../contract/short-codes.js';
import { apiClient } from '../../../lib/api-client.js';
import { shortCodeKeys } from './query-keys.js';

/** POST /api/short-codes with `{api_key, code}`. */
export const addShortCode = (body: AddShortCodeRequest) => apiClient.post<ShortCode>('/api/short-codes', body);

export function useAddShortCode(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addShortCode,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shortCodeKeys.list(apiKey) }),
  });
}
