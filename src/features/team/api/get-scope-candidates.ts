import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ScopeCandidates } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { teamKeys } from './query-keys.js';

/** GET /api/team/subaccounts?search=: the first 50 subaccounts by name whose name or key contains it. */
export const getScopeCandidates = (search: string, signal?: AbortSignal) =>
  apiClient.get<ScopeCandidates>(`/api/team/subaccounts?search=${encodeURIComponent(search)}`, { signal });

export function useScopeCandidates(apiKey: string, search: string) {
  return useQuery({
    queryKey: teamKeys.scopeCandidates(apiKey, search),
    queryFn: ({ signal }) => getScopeCandidates(search, signal),
    enabled: apiKey !== '',
    placeholderData: keepPreviousData,
  });
}
