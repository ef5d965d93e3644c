// Every key starts with the signed-in account's API key. The settings sit under the billing feature's
// stored-methods key: they list the methods auto-reload can charge and name the one it does, so adding,
// changing or removing a method on the Billing page (which invalidates that key) refreshes them too.

export const autoReloadKeys = {
  settings: (apiKey: string) => ['account', apiKey, 'billing', 'methods', 'auto-reload'] as const,
};
