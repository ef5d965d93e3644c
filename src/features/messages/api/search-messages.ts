import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { MessageFilter, MessagePage } from '../../../../contract/messages.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';
import { messageKeys } from './query-keys.js';

export const MESSAGE_PAGE_SIZE = 50;

/** GET /api/messages?start&end&status&direction&to&from&country&api_key&message_id&client_ref&cursor&limit: newest first. */
export const searchMessages = (query: MessageFilter & { cursor?: string; limit?: number }, signal?: AbortSignal) =>
  apiClient.get<MessagePage>(withQuery('/api/messages', { ...query }), { signal });

export const messagesQueryOptions = (apiKey: string, filters: MessageFilter) =>
  infiniteQueryOptions({
    queryKey: messageKeys.list(apiKey, filters),
    queryFn: ({ pageParam, signal }) => searchMessages({ ...filters, cursor: pageParam ?? undefined, limit: MESSAGE_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** The messages the filters select, page by page ("Show more"): no total, counting would be slow. */
export function useMessageSearch(apiKey: string, filters: MessageFilter) {
  const query = useInfiniteQuery({ ...messagesQueryOptions(apiKey, filters), enabled: apiKey !== '' });
  return { ...query, messages: query.data?.pages.flatMap((page) => page.messages) ?? [] };
}

/** The CSV of everything the filters select, streamed by the server. */
export const messagesExportHref = (filters: MessageFilter) => withQuery('/api/messages/export.csv', { ...filters });
