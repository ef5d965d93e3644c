import type { MessageFilter } from '../../../../contract/messages.js';

// Every key starts with the signed-in family's API key.
export const messageKeys = {
  list: (apiKey: string, filters: MessageFilter) => ['account', apiKey, 'messages', 'list', filters] as const,
  detail: (apiKey: string, id: string) => ['account', apiKey, 'messages', 'detail', id] as const,
  settings: (apiKey: string) => ['account', apiKey, 'messages', 'settings'] as const,
};
