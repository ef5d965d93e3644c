import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeamSecurity } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { twoFactorRequirementQueryOptions } from './get-two-factor-requirement.js';

/** PUT /api/security/two-factor-requirement {require_two_factor} (owner only): 200; 409 until the owner's own is on. */
export const setTwoFactorRequirement = (body: TeamSecurity) => apiClient.put<TeamSecurity>('/api/security/two-factor-requirement', body);

export function useSetTwoFactorRequirement(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setTwoFactorRequirement,
    onSuccess: (value) => queryClient.setQueryData(twoFactorRequirementQueryOptions(apiKey).queryKey, value),
  });
}
