import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageSettings } from '../../../../contract/messages.js';
import { apiClient } from '../../../lib/api-client.js';
import { messageKeys } from './query-keys.js';

/** PUT /api/messages/settings with `{store_message_text}`. */
export const updateMessageSettings = (body: MessageSettings) => apiClient.put<MessageSettings>('/api/messages/settings', body);

export function useUpdateMessageSettings(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMessageSettings,
    onSuccess: (settings) => queryClient.setQueryData(messageKeys.settings(apiKey), settings),
  });
}
