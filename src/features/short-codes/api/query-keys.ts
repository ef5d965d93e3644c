// Every key starts with the signed-in account's API key.

export const shortCodeKeys = {
  all: (apiKey: string) => ['account', apiKey, 'short-codes'] as const,
  list: (apiKey: string) => ['account', apiKey, 'short-codes', 'list'] as const,
  options: (apiKey: string) => ['account', apiKey, 'short-codes', 'options'] as const,
};
