import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { GeneratedSecret } from '../../../../contract/secrets.js';
import { apiClient } from '../../../lib/api-client.js';
import { secretsQueryOptions } from './get-secrets.js';
import { secretsUrl } from './get-secrets.js';

/** POST /api/accounts/{api_key}/secrets/generate: 201 with the new secret, returned this once; 403 at 2 secrets. */
export const generateSecret = (apiKey: string) => apiClient.post<GeneratedSecret>(`/api${secretsUrl(apiKey)}/generate`);

export function useGenerateSecret(apiKey: string, { onSuccess }: { onSuccess?: (secret: GeneratedSecret) => unknown } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => generateSecret(apiKey),
    // The secret is for the one screen that shows it: the mutation is dropped as soon as nothing observes it.
    gcTime: 0,
    onSuccess: async (secret) => {
      await queryClient.invalidateQueries({ queryKey: secretsQueryOptions(apiKey).queryKey });
      return onSuccess?.(secret);
    },
  });
}
