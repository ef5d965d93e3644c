import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session, VerifiedSignup, VerifyPinRequest } from '../../../../contract/identity.js';
import { apiClient, isApiError } from '../../../lib/api-client.js';
import { storeSession } from '../../../lib/session.js';
import { signupQueryOptions } from './get-signup.js';
import { signupUrl } from './get-signup.js';

/**
 * POST /api/signups/{signupId}/verify: 200 signs the new user in and returns the API secret, once.
 * 422: invalid_parameters [{name: 'pin'}] plus `attempts_left` (0: this PIN is void, resend).
 */
export const verifySignup = (signupId: string, body: VerifyPinRequest) =>
  apiClient.post<VerifiedSignup>(`${signupUrl(signupId)}/verify`, body);

/** The `attempts_left` member of a failed verification, when present. */
export function attemptsLeftOf(error: unknown): number | undefined {
  if (!isApiError(error)) return undefined;
  const value = error.problem.attempts_left;
  return typeof value === 'number' ? value : undefined;
}

export function useVerifySignup(
  signupId: string,
  { onSuccess }: { onSuccess?: (verified: VerifiedSignup) => unknown } = {},
) {
  const queryClient = useQueryClient();
  const signupKey = signupQueryOptions(signupId).queryKey;
  return useMutation({
    mutationFn: (body: VerifyPinRequest) => verifySignup(signupId, body),
    onSuccess: (verified) => {
      // The secret is for this one screen: it never goes into the cache.
      const { api_secret: _secret, ...session } = verified;
      storeSession(queryClient, session satisfies Session);
      queryClient.removeQueries({ queryKey: signupKey });
      return onSuccess?.(verified);
    },
    onError: (error) => {
      const attemptsLeft = attemptsLeftOf(error);
      if (attemptsLeft !== undefined) {
        queryClient.setQueryData(signupKey, (status) => (status ? { ...status, attempts_left: attemptsLeft } : status));
      }
    },
  });
}
