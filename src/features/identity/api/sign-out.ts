import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, isApiError } from '../../../lib/api-client.js';
import { stopRolePreview } from '../../../lib/role-preview.js';
import { forgetSession } from '../../../lib/session.js';

/** DELETE /api/sessions/current. A 401 means the session had already ended: that is signed out too. */
export async function signOut(): Promise<void> {
  // Signing out ends a role preview (which would otherwise hold the request back).
  stopRolePreview();
  try {
    await apiClient.delete('/api/sessions/current');
  } catch (error) {
    if (!isApiError(error, 401)) throw error;
  }
}

export function useSignOut({ onSuccess }: { onSuccess?: () => unknown } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      forgetSession(queryClient);
      return onSuccess?.();
    },
  });
}
