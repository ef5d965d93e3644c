import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MessagePage } from '../../../../contract/messages.js';
import { apiClient } from '../../../lib/api-client.js';
import { smsKeys } from './query-keys.js';
import { withQuery } from '../../../lib/url.js';

/** GET /api/messages?limit=: the latest messages of the account and its subaccounts (last 24 hours), newest first. */
export const getMessages = (limit: number, signal?: AbortSignal) =>
  apiClient.get<MessagePage>(withQuery('/api/messages', { limit }), { signal });

export const messagesQueryOptions = (apiKey: string, limit = 10) =>
  queryOptions({
    queryKey: smsKeys.messageList(apiKey, limit),
    queryFn: ({ signal }) => getMessages(limit, signal),
  });

export function useMessages(apiKey: string, limit = 10) {
  return useQuery({ ...messagesQueryOptions(apiKey, limit), enabled: apiKey !== '' });
}
