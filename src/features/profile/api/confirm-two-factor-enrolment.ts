import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfirmTwoFactorRequest, RecoveryCodes } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { sessionQueryKey } from '../../../lib/session.js';
import { profileKeys } from './query-keys.js';

/** POST /api/profile/two-factor/enrolment/confirm {code}: 200 with the ten recovery codes, shown once. */
export const confirmTwoFactorEnrolment = (body: ConfirmTwoFactorRequest) => apiClient.post<RecoveryCodes>('/api/profile/two-factor/enrolment/confirm', body);

export function useConfirmTwoFactorEnrolment(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmTwoFactorEnrolment,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.twoFactor(apiKey) });
      // A member the owner required to enrol may now use the console.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
