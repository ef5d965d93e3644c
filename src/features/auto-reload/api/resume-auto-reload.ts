import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AutoReload } from '../../../../contract/auto-reload.js';
import { apiClient } from '../../../lib/api-client.js';
import { autoReloadKeys } from './query-keys.js';

/** POST /api/auto-reload/resume: a paused (or failing) auto-reload is armed again with the same method. */
export const resumeAutoReload = () => apiClient.post<AutoReload>('/api/auto-reload/resume');

export function useResumeAutoReload(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resumeAutoReload,
    onSuccess: (settings) => queryClient.setQueryData(autoReloadKeys.settings(apiKey), settings),
  });
}
