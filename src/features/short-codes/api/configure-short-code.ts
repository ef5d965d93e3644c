import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfigureShortCodeRequest, ShortCode } from '../../../../contract/short-codes.js';
import { apiClient } from '../../../lib/api-client.js';
import { shortCodeKeys } from './query-keys.js';

/** The URL of one account's short code (configure, release). */
export const shortCodeUrl = (accountKey: string, code: string) => `/api/accounts/${encodeURIComponent(accountKey)}/short-codes/${encodeURIComponent(code)}`;

/** PUT /api/accounts/:key/short-codes/:code with the template and the opt-in values ("Update"). */
export const configureShortCode = (accountKey: string, code: string, body: ConfigureShortCodeRequest) => apiClient.put<ShortCode>(shortCodeUrl(accountKey, code), body);

export function useConfigureShortCode(apiKey: string, shortCode: ShortCode) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfigureShortCodeRequest) => configureShortCode(shortCode.api_key, shortCode.code, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shortCodeKeys.list(apiKey) }),
  });
}
