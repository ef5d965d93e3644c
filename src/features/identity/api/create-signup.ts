import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SignupStatus } from '../../../../contract/identity.js';
import type { SignupRequest } from '../../../../contract/signup.js';
import { apiClient } from '../../../lib/api-client.js';
import { signupQueryOptions } from './get-signup.js';

/** 201: a PIN was sent. 202: the country needs manual review; `message` says what happens next. */
export type CreateSignupResult = { kind: 'pending'; status: SignupStatus } | { kind: 'review'; message: string };

/** POST /api/signups. 409/422 carry invalid_parameters on email or phone. */
export async function createSignup(body: SignupRequest): Promise<CreateSignupResult> {
  const result = await apiClient.post<SignupStatus | { message: string }>('/api/signups', body);
  return 'signup_id' in result ? { kind: 'pending', status: result } : { kind: 'review', message: result.message };
}

export function useCreateSignup({ onSuccess }: { onSuccess?: (result: CreateSignupResult) => unknown } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSignup,
    onSuccess: (result) => {
      if (result.kind === 'pending') {
        queryClient.setQueryData(signupQueryOptions(result.status.signup_id).queryKey, result.status);
      }
      return onSuccess?.(result);
    },
  });
}
