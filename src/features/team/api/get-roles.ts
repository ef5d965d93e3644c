import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Roles } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { teamKeys } from './query-keys.js';

export const rolesUrl = '/api/team/roles';
export const roleUrl = (roleId: string) => `${rolesUrl}/${encodeURIComponent(roleId)}`;

/** GET /api/team/roles: the built-in roles, then the family's own, each with its member count. */
export const getRoles = (signal?: AbortSignal) => apiClient.get<Roles>(rolesUrl, { signal });

export const rolesQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: teamKeys.roles(apiKey), queryFn: ({ signal }) => getRoles(signal) });

export function useRoles(apiKey: string) {
  return useQuery({ ...rolesQueryOptions(apiKey), enabled: apiKey !== '' });
}
