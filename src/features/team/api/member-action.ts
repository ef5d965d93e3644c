import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Member } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { memberUrl } from './get-team.js';
import { teamKeys } from './query-keys.js';

/** What can be done to a member from the list, each one request without a body. */
export type MemberAction = 'resend' | 'disable' | 'enable' | 'remove';

/**
 * POST …/{id}/invitation (a new temporary password), POST …/{id}/disable or …/enable (200 with the
 * member), DELETE …/{id} (204). Disabling and removing end the member's sessions; 409 for the owner.
 */
export function runMemberAction(memberId: string, action: MemberAction): Promise<Member | void> {
  const url = memberUrl(memberId);
  if (action === 'remove') return apiClient.delete(url);
  return apiClient.post<Member>(`${url}/${action === 'resend' ? 'invitation' : action}`);
}

export function useMemberAction(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, action }: { memberId: string; action: MemberAction }) => runMemberAction(memberId, action),
    // Refresh on failure too: a 404 or 409 means the list is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.all(apiKey) }),
  });
}
