// Every key starts with the signed-in account's API key and runs broad → narrow.

export const accountKeys = {
  apiCalls: (apiKey: string, limit: number) => ['account', apiKey, 'api-calls', { limit }] as const,
};
