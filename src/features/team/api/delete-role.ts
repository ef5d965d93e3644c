import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.js';
import { roleUrl } from './get-roles.js';
import { teamKeys } from './query-keys.js';

/** DELETE /api/team/roles/{id}: 204; 409 while members have the role, or for a built-in role. */
export const deleteRole = (roleId: string) => apiClient.delete(roleUrl(roleId));

export function useDeleteRole(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteRole, onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.roles(apiKey) }) });
}
