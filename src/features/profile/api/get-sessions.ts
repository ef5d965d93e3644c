import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ActiveSessions } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { profileKeys } from './query-keys.js';

/** GET /api/profile/sessions: the user's active sessions (browser, IP, last seen), this one marked. */
export const getSessions = (signal?: AbortSignal) => apiClient.get<ActiveSessions>('/api/profile/sessions', { signal });

export const sessionsQueryOptions = (apiKey: string) => queryOptions({ queryKey: profileKeys.sessions(apiKey), queryFn: ({ signal }) => getSessions(signal) });

export function useSessions(apiKey: string) {
  return useQuery({ ...sessionsQueryOptions(apiKey), enabled: apiKey !== '' });
}
