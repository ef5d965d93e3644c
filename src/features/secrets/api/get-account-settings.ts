import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Settings } from '../../../../contract/account-api.js';
import { apiClient } from '../../../lib/api-client.js';
import { secretKeys } from './query-keys.js';

/** GET /api/account/settings: the default webhooks (kebab-case keys; "" when unset) and rate limits. */
export const getAccountSettings = (signal?: AbortSignal) => apiClient.get<Settings>('/api/account/settings', { signal });

export const accountSettingsQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: secretKeys.settings(apiKey),
    queryFn: ({ signal }) => getAccountSettings(signal),
  });

export function useAccountSettings(apiKey: string) {
  return useQuery({ ...accountSettingsQueryOptions(apiKey), enabled: apiKey !== '' });
}
