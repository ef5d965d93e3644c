import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.js';
import { profileKeys } from './query-keys.js';

/** DELETE /api/profile/sessions/others: 200 {ended}. */
export const endOtherSessions = () => apiClient.delete<{ ended: number }>('/api/profile/sessions/others');

export function useEndOtherSessions(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: endOtherSessions, onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKeys.sessions(apiKey) }) });
}
