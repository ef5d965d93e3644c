import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { messageListSchema } from '../../../../contract/sms.js';
import { apiClient } from '../../../lib/api-client.js';
import { smsKeys } from './query-keys.js';
import { withQuery } from '../../../lib/url.js';

export type MessageList = z.infer<typeof messageListSchema>;

/** GET /api/messages?limit=: the latest messages of the account and its subaccounts, newest first. */
export const getMessages = (limit: number, signal?: AbortSignal) =>
  apiClient.get<MessageList>(withQuery('/api/messages', { limit }), { signal });

export const messagesQueryOptions = (apiKey: string, limit = 10) =>
  queryOptions({
    queryKey: smsKeys.messageList(apiKey, limit),
    queryFn: ({ signal }) => getMessages(limit, signal),
  });

export function useMessages(apiKey: string, limit = 10) {
  return useQuery({ ...messagesQueryOptions(apiKey, limit), enabled: apiKey !== '' });
}
