import { useMutation } from '@tanstack/react-query';
import type { PasswordResetRequest } from '../../../../contract/identity.js';
import { apiClient } from '../../../lib/api-client.js';

/** POST /api/password-resets: always 202 with the same message, whether or not the address exists. */
export const requestPasswordReset = (body: PasswordResetRequest) =>
  apiClient.post<{ message: string }>('/api/password-resets', body);

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
