// Every key starts with the API key of the account it belongs to (the signed-in one, or a subaccount
// whose secrets its primary manages).

export const secretKeys = {
  list: (apiKey: string) => ['account', apiKey, 'secrets'] as const,
  settings: (apiKey: string) => ['account', apiKey, 'settings'] as const,
};
