// Every key starts with the signed-in account's API key.

export const autoReloadKeys = {
  settings: (apiKey: string) => ['account', apiKey, 'auto-reload'] as const,
};
