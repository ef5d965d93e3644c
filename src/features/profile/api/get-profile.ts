import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Profile } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { profileKeys } from './query-keys.js';

/** GET /api/profile: name, e-mail (and one waiting for its link), phone, Skype name. */
export const getProfile = (signal?: AbortSignal) => apiClient.get<Profile>('/api/profile', { signal });

export const profileQueryOptions = (apiKey: string) => queryOptions({ queryKey: profileKeys.profile(apiKey), queryFn: ({ signal }) => getProfile(signal) });

export function useProfile(apiKey: string) {
  return useQuery({ ...profileQueryOptions(apiKey), enabled: apiKey !== '' });
}
