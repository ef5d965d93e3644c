import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, RoleRequest } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { roleUrl, rolesUrl } from './get-roles.js';
import { teamKeys } from './query-keys.js';

/**
 * POST /api/team/roles (a new custom role, 201) or PUT /api/team/roles/{id} (200): `{name, permissions}`.
 * 409 naming `name` (taken); 403 naming `permissions` (one the manager lacks).
 */
export const saveRole = (roleId: string | null, body: RoleRequest) =>
  roleId ? apiClient.put<Role>(roleUrl(roleId), body) : apiClient.post<Role>(rolesUrl, body);

export function useSaveRole(apiKey: string, roleId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoleRequest) => saveRole(roleId, body),
    // Members' role names change with a rename.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all(apiKey) }),
  });
}
