import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSecretRequest, SecretInfo } from '../../../../contract/secrets.js';
import { apiClient } from '../../../lib/api-client.js';
import { secretsQueryOptions } from './get-secrets.js';
import { secretsUrl } from './get-secrets.js';

/**
 * POST /accounts/{api_key}/secrets with a chosen secret: 201 SecretInfo. 400 problem with
 * invalid_parameters [{name: 'secret'}] (complexity); 403 "Secret Addition Forbidden" at 2 secrets.
 */
export const createSecret = (apiKey: string, body: CreateSecretRequest) =>
  apiClient.post<SecretInfo>(secretsUrl(apiKey), body);

export function useCreateSecret(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSecretRequest) => createSecret(apiKey, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secretsQueryOptions(apiKey).queryKey }),
  });
}
