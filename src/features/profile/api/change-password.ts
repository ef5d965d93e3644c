import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session, SetPasswordRequest } from '../../../../contract/identity.js';
import { apiClient } from '../../../lib/api-client.js';
import { storeSession } from '../../../lib/session.js';
import { profileKeys } from './query-keys.js';

/** POST /api/session/password {current_password, new_password}: 200 Session; every other session of the user ends. */
export const changePassword = (body: SetPasswordRequest) => apiClient.post<Session>('/api/session/password', body);

export function useChangePassword(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (session) => {
      storeSession(queryClient, session);
      void queryClient.invalidateQueries({ queryKey: profileKeys.sessions(apiKey) });
    },
  });
}
