import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ShortCode } from '../../../../contract/short-codes.js';
import { apiClient } from '../../../lib/api-client.js';
import { shortCodeUrl } from './configure-short-code.js';
import { shortCodeKeys } from './query-keys.js';

/** DELETE /api/accounts/:key/short-codes/:code: the account stops using the code. */
export const releaseShortCode = (accountKey: string, code: string) => apiClient.delete(shortCodeUrl(accountKey, code));

export function useReleaseShortCode(apiKey: string, shortCode: ShortCode) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => releaseShortCode(shortCode.api_key, shortCode.code),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shortCodeKeys.list(apiKey) }),
  });
}
