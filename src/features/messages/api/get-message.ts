import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MessageDetail } from '../../../../contract/messages.js';
import { apiClient } from '../../../lib/api-client.js';
import { messageKeys } from './query-keys.js';

/** GET /api/messages/:id: a message with its lifecycle and webhook attempts (404 outside the caller's scope). */
export const getMessage = (id: string, signal?: AbortSignal) => apiClient.get<MessageDetail>(`/api/messages/${encodeURIComponent(id)}`, { signal });

export const messageQueryOptions = (apiKey: string, id: string) =>
  queryOptions({ queryKey: messageKeys.detail(apiKey, id), queryFn: ({ signal }) => getMessage(id, signal) });

export function useMessage(apiKey: string, id: string) {
  return useQuery({ ...messageQueryOptions(apiKey, id), enabled: apiKey !== '' });
}
