import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Profile, UpdateContactRequest } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { sessionQueryKey } from '../../../lib/session.js';
import { profileQueryOptions } from './get-profile.js';

/** PATCH /api/profile {name, skype}: 200 Profile; 422 naming the field. */
export const updateContact = (body: UpdateContactRequest) => apiClient.patch<Profile>('/api/profile', body);

export function useUpdateContact(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateContact,
    onSuccess: (profile) => {
      queryClient.setQueryData(profileQueryOptions(apiKey).queryKey, profile);
      // The header shows the name from the session.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
