// Every key starts with the API key of the family it belongs to.

export const billingKeys = {
  methods: (apiKey: string) => ['account', apiKey, 'billing', 'methods'] as const,
  payments: (apiKey: string) => ['account', apiKey, 'billing', 'payments'] as const,
};
