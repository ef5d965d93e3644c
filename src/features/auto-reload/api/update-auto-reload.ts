import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AutoReload, UpdateAutoReloadRequest } from '../../../../contract/auto-reload.js';
import { apiClient } from '../../../lib/api-client.js';
import { autoReloadKeys } from './query-keys.js';

/** PUT /api/auto-reload with `{enabled, method_id, amount (EUR), threshold (EUR)}`. */
export const updateAutoReload = (body: UpdateAutoReloadRequest) => apiClient.put<AutoReload>('/api/auto-reload', body);

export function useUpdateAutoReload(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAutoReload,
    onSuccess: (settings) => queryClient.setQueryData(autoReloadKeys.settings(apiKey), settings),
  });
}
