import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { GeneratedSecret } from '../../../../contract/secrets.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';
import { subaccountKeys } from './query-keys.js';

/** POST /api/accounts/{subaccount_key}/secrets/generate: 201 with the new secret, returned this once; 403 at 2. */
export const generateSubaccountSecret = (subKey: string) => apiClient.post<GeneratedSecret>(apiPaths.generateSecret(subKey));

export function useGenerateSubaccountSecret(apiKey: string, subKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => generateSubaccountSecret(subKey),
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subaccountKeys.secrets(apiKey, subKey) }),
  });
}
