import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EmailChangeConfirm } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { sessionQueryKey } from '../../../lib/session.js';

/** POST /api/profile/email/confirm {token} (open): 200 {email}; 410 when the link expired or was used. */
export const confirmEmailChange = (body: EmailChangeConfirm) => apiClient.post<{ email: string }>('/api/profile/email/confirm', body);

export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmEmailChange,
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] === sessionQueryKey[0] || query.queryKey.includes('profile') }),
  });
}
