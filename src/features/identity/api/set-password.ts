import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session, SetPasswordRequest } from '../../../../contract/identity.js';
import { apiClient } from '../../../lib/api-client.js';
import { storeSession } from '../../../lib/session.js';

/** POST /api/session/password: 200 Session (must_change_password now false); 422 on either field. */
export const setPassword = (body: SetPasswordRequest) => apiClient.post<Session>('/api/session/password', body);

export function useSetPassword({ onSuccess }: { onSuccess?: (session: Session) => unknown } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPassword,
    onSuccess: (session) => {
      storeSession(queryClient, session);
      return onSuccess?.(session);
    },
  });
}
