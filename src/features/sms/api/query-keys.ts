// Every key starts with the signed-in account's API key and runs broad → narrow.

export const smsKeys = {
  testNumbers: (apiKey: string) => ['account', apiKey, 'test-numbers'] as const,
  /** Every page size of the message list: what a new message invalidates. */
  messages: (apiKey: string) => ['account', apiKey, 'messages'] as const,
  messageList: (apiKey: string, limit: number) => [...smsKeys.messages(apiKey), { limit }] as const,
  prices: (apiKey: string) => ['account', apiKey, 'sms-prices'] as const,
};
