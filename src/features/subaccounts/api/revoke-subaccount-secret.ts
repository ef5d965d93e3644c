import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';
import { subaccountKeys } from './query-keys.js';

/** DELETE /accounts/{subaccount_key}/secrets/{id}: 204; 403 for its last secret. */
export const revokeSubaccountSecret = (subKey: string, secretId: string) => apiClient.delete(apiPaths.secret(subKey, secretId));

export function useRevokeSubaccountSecret(apiKey: string, subKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (secretId: string) => revokeSubaccountSecret(subKey, secretId),
    // Refresh on failure too: a 403/404 means our list is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: subaccountKeys.secrets(apiKey, subKey) }),
  });
}
