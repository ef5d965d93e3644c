// Every key starts with the signed-in account's API key; then the account (primary or subaccount) the alert watches.

export const balanceAlertKeys = {
  account: (apiKey: string, accountKey: string) => ['account', apiKey, 'balance-alerts', accountKey] as const,
  alert: (apiKey: string, accountKey: string) => ['account', apiKey, 'balance-alerts', accountKey, 'settings'] as const,
  runway: (apiKey: string, accountKey: string) => ['account', apiKey, 'balance-alerts', accountKey, 'runway'] as const,
};
