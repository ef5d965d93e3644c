import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session, SignInRequest } from '../../../../contract/identity.js';
import { apiClient } from '../../../lib/api-client.js';
import { storeSession } from '../../../lib/session.js';

/** POST /api/sessions: 200 Session; 401 wrong credentials; 429 locked after repeated failures. */
export const signIn = (body: SignInRequest) => apiClient.post<Session>('/api/sessions', body);

export function useSignIn({ onSuccess }: { onSuccess?: (session: Session) => unknown } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      storeSession(queryClient, session);
      return onSuccess?.(session);
    },
  });
}
