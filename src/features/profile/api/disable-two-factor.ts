import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DisableTwoFactorRequest } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { sessionQueryKey } from '../../../lib/session.js';
import { profileKeys } from './query-keys.js';

/** POST /api/profile/two-factor/disable {password, code}: 204; 422 naming the field. */
export const disableTwoFactor = (body: DisableTwoFactorRequest) => apiClient.post<void>('/api/profile/two-factor/disable', body);

export function useDisableTwoFactor(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableTwoFactor,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.twoFactor(apiKey) });
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
