import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.js';
import { secretsQueryOptions } from './get-secrets.js';
import { secretsUrl } from './get-secrets.js';

/** DELETE /accounts/{api_key}/secrets/{id}: 204; 403 "Secret Deletion Forbidden" for the last secret. */
export const revokeSecret = (apiKey: string, secretId: string) => apiClient.delete(`${secretsUrl(apiKey)}/${encodeURIComponent(secretId)}`);

export function useRevokeSecret(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (secretId: string) => revokeSecret(apiKey, secretId),
    // Refresh on failure too: a 403/404 means our list is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: secretsQueryOptions(apiKey).queryKey }),
  });
}
