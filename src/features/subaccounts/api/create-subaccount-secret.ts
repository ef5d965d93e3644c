import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSecretRequest, SecretInfo } from '../../../../contract/secrets.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';
import { subaccountKeys } from './query-keys.js';

/**
 * POST /accounts/{subaccount_key}/secrets with a chosen secret: 201 SecretInfo. 400 problem with
 * invalid_parameters [{name: 'secret'}] (complexity); 403 at 2 secrets.
 */
export const createSubaccountSecret = (subKey: string, body: CreateSecretRequest) =>
  apiClient.post<SecretInfo>(apiPaths.secrets(subKey), body);

export function useCreateSubaccountSecret(apiKey: string, subKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSecretRequest) => createSubaccountSecret(subKey, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subaccountKeys.secrets(apiKey, subKey) }),
  });
}
