import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EmailChangeRequest, Profile } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { profileQueryOptions } from './get-profile.js';

/** POST /api/profile/email {email, password}: 202 Profile with `pending_email`; 409 when the address is taken. */
export const requestEmailChange = (body: EmailChangeRequest) => apiClient.post<Profile>('/api/profile/email', body);

export function useRequestEmailChange(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestEmailChange,
    onSuccess: (profile) => queryClient.setQueryData(profileQueryOptions(apiKey).queryKey, profile),
  });
}
