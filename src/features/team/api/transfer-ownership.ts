import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TransferOwnership } from '../../../../contract/team.js';
import { apiClient } from '../../../lib/api-client.js';
import { sessionQueryKey } from '../../../lib/session.js';
import { teamKeys } from './query-keys.js';

/** POST /api/team/ownership `{member_id, password}`: 204; 422 naming `password`, 409 naming `member_id`. */
export const transferOwnership = (body: TransferOwnership) => apiClient.post<void>('/api/team/ownership', body);

export function useTransferOwnership(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transferOwnership,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: teamKeys.all(apiKey) }), queryClient.invalidateQueries({ queryKey: sessionQueryKey })]),
  });
}
