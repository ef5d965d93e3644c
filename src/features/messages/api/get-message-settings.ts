import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MessageSettings } from '../../../../contract/messages.js';
import { apiClient } from '../../../lib/api-client.js';
import { messageKeys } from './query-keys.js';

/** GET /api/messages/settings: whether the family's message text is stored. */
export const getMessageSettings = (signal?: AbortSignal) => apiClient.get<MessageSettings>('/api/messages/settings', { signal });

export const messageSettingsQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: messageKeys.settings(apiKey), queryFn: ({ signal }) => getMessageSettings(signal) });

export function useMessageSettings(apiKey: string) {
  return useQuery({ ...messageSettingsQueryOptions(apiKey), enabled: apiKey !== '' });
}
