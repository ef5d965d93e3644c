import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Member, MemberAccess } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { memberUrl } from './get-team.js';
import { teamKeys } from './query-keys.js';

/** PUT /api/team/members/{id}/access `{role_id, scope, subaccounts}`: 200 with the member; 409 for the owner. */
export const changeAccess = (memberId: string, body: MemberAccess) => apiClient.put<Member>(`${memberUrl(memberId)}/access`, body);

export function useChangeAccess(apiKey: string, memberId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MemberAccess) => changeAccess(memberId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all(apiKey) }),
  });
}
