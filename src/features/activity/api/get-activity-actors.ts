import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ActivityActors } from '../../../../contract/activity.js';
import { apiClient } from '../../../lib/api-client.js';
import { activityKeys } from './query-keys.js';

/** GET /api/activity/actors: the users, API keys and jobs that appear in what the caller may see. */
export const getActivityActors = (signal?: AbortSignal) => apiClient.get<ActivityActors>('/api/activity/actors', { signal });

export const activityActorsQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: activityKeys.actors(apiKey), queryFn: ({ signal }) => getActivityActors(signal), staleTime: 60_000 });

export function useActivityActors(apiKey: string) {
  return useQuery({ ...activityActorsQueryOptions(apiKey), enabled: apiKey !== '' });
}
