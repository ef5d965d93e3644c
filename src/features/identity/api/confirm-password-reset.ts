import { useMutation } from '@tanstack/react-query';
import type { PasswordResetConfirm } from '../../../../contract/identity.js';
import { apiClient } from '../../../lib/api-client.js';

/** POST /api/password-resets/confirm: 204; 422 on `token` (expired or used link) or `password`. */
export const confirmPasswordReset = (body: PasswordResetConfirm) =>
  apiClient.post<void>('/api/password-resets/confirm', body);

export function useConfirmPasswordReset({ onSuccess }: { onSuccess?: () => unknown } = {}) {
  return useMutation({ mutationFn: confirmPasswordReset, onSuccess: () => onSuccess?.() });
}
