import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SecretList } from '../../../../contract/secrets.js';
import { apiClient } from '../../../lib/api-client.js';
import { apiPaths } from '../../../lib/paths.js';

/** GET /accounts/{api_key}/secrets (the public Account API, with the session cookie): oldest first. */
export const getSecrets = (apiKey: string, signal?: AbortSignal) =>
  apiClient.get<SecretList>(apiPaths.secrets(apiKey), { signal });

export const secretsQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: ['account', apiKey, 'secrets'],
    queryFn: ({ signal }) => getSecrets(apiKey, signal),
  });

export function useSecrets(apiKey: string) {
  return useQuery({ ...secretsQueryOptions(apiKey), enabled: apiKey !== '' });
}
