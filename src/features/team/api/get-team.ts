import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Team } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { teamKeys } from './query-keys.js';

export const membersUrl = '/api/team/members';
export const memberUrl = (memberId: string) => `${membersUrl}/${encodeURIComponent(memberId)}`;

/** GET /api/team/members: every member (the owner first) and the family's member limit. */
export const getTeam = (signal?: AbortSignal) => apiClient.get<Team>(membersUrl, { signal });

export const teamQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: teamKeys.members(apiKey), queryFn: ({ signal }) => getTeam(signal) });

export function useTeam(apiKey: string) {
  return useQuery({ ...teamQueryOptions(apiKey), enabled: apiKey !== '' });
}
