import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SecretList } from '../../../../contract/secrets.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';
import { subaccountKeys } from './query-keys.js';

/** GET /accounts/{subaccount_key}/secrets (the Account API; the primary's session may act on its subaccounts). */
export const getSubaccountSecrets = (subKey: string, signal?: AbortSignal) =>
  apiClient.get<SecretList>(apiPaths.secrets(subKey), { signal });

export const subaccountSecretsQueryOptions = (apiKey: string, subKey: string) =>
  queryOptions({
    queryKey: subaccountKeys.secrets(apiKey, subKey),
    queryFn: ({ signal }) => getSubaccountSecrets(subKey, signal),
  });

export function useSubaccountSecrets(apiKey: string, subKey: string) {
  return useQuery({ ...subaccountSecretsQueryOptions(apiKey, subKey), enabled: apiKey !== '' });
}
