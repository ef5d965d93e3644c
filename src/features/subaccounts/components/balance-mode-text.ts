/** How the two balance modes are explained wherever one is chosen or shown. */
export const BALANCE_MODE_TEXT = {
  shared: { label: 'Shared balance', sentence: 'Shared: spends from your balance and credit.' },
  own: { label: 'Own balance', sentence: 'Own: its own balance and credit limit, funded by transfers from you.' },
} as const;

export const SHARED_NO_TRANSFERS =
  'A subaccount that shares your balance has no balance or credit limit of its own, so it cannot take part in credit or balance transfers. Switch it to its own balance first.';
