import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TeamSecurity } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { profileKeys } from './query-keys.js';

/** GET /api/security/two-factor-requirement: whether every member must use two-factor sign-in. */
export const getTwoFactorRequirement = (signal?: AbortSignal) => apiClient.get<TeamSecurity>('/api/security/two-factor-requirement', { signal });

export const twoFactorRequirementQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: profileKeys.twoFactorRequirement(apiKey), queryFn: ({ signal }) => getTwoFactorRequirement(signal) });

export function useTwoFactorRequirement(apiKey: string) {
  return useQuery({ ...twoFactorRequirementQueryOptions(apiKey), enabled: apiKey !== '' });
}
