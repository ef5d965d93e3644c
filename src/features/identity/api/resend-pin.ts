import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResendPinRequest, SignupStatus } from '../../../../contract/identity.js';
import { apiClient, isApiError } from '../../../lib/api-client.js';
import { signupQueryOptions } from './get-signup.js';
import { signupUrl } from './get-signup.js';

/** POST /api/signups/{signupId}/resend: a new PIN; 429 with `retry_after` during the cooldown. */
export const resendPin = (signupId: string, body: ResendPinRequest) =>
  apiClient.post<SignupStatus>(`${signupUrl(signupId)}/resend`, body);

export function useResendPin(signupId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = signupQueryOptions(signupId);
  return useMutation({
    mutationFn: (body: ResendPinRequest) => resendPin(signupId, body),
    onSuccess: (status) => queryClient.setQueryData(queryKey, status),
    onError: (error) => {
      // Our idea of the cooldown was wrong: ask the server for the current state.
      if (isApiError(error, 429)) return queryClient.invalidateQueries({ queryKey });
    },
  });
}
