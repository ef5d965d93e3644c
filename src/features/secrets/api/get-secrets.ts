import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SecretList } from '../../../../contract/secrets.js';
import { apiClient } from '../../../lib/api-client.js';
import { secretKeys } from './query-keys.js';

export const secretsUrl = (apiKey: string) => `/accounts/${encodeURIComponent(apiKey)}/secrets`;

/** GET /accounts/{api_key}/secrets (the public Account API, with the session cookie): oldest first. */
export const getSecrets = (apiKey: string, signal?: AbortSignal) =>
  apiClient.get<SecretList>(secretsUrl(apiKey), { signal });

export const secretsQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: secretKeys.list(apiKey),
    queryFn: ({ signal }) => getSecrets(apiKey, signal),
  });

export function useSecrets(apiKey: string) {
  return useQuery({ ...secretsQueryOptions(apiKey), enabled: apiKey !== '' });
}
