import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InviteMember, Member } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { membersUrl } from './get-team.js';
import { teamKeys } from './query-keys.js';

/**
 * POST /api/team/members `{name, email, role_id, scope, subaccounts}`: 201 with the member, who gets
 * a temporary password by e-mail. 409 naming `email` (already a user) or the member limit; 422/403
 * naming `role_id` or `subaccounts`.
 */
export const inviteMember = (body: InviteMember) => apiClient.post<Member>(membersUrl, body);

export function useInviteMember(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: inviteMember, onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all(apiKey) }) });
}
