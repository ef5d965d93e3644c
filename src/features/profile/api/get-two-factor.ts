import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TwoFactorStatus } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { profileKeys } from './query-keys.js';

/** GET /api/profile/two-factor: whether it is on and how many recovery codes are left. */
export const getTwoFactor = (signal?: AbortSignal) => apiClient.get<TwoFactorStatus>('/api/profile/two-factor', { signal });

export const twoFactorQueryOptions = (apiKey: string) => queryOptions({ queryKey: profileKeys.twoFactor(apiKey), queryFn: ({ signal }) => getTwoFactor(signal) });

export function useTwoFactor(apiKey: string) {
  return useQuery({ ...twoFactorQueryOptions(apiKey), enabled: apiKey !== '' });
}
