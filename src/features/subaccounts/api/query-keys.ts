import type { TransferKind } from '../utils/amounts.js';

// Every key starts with the family's primary API key and runs broad → narrow, so invalidating
// `all` refreshes the lists and every detail; mutations invalidate the narrowest prefix they change.

export const subaccountKeys = {
  all: (apiKey: string) => ['subaccounts', apiKey] as const,
  /** Every console page of every search/filter/sort (GET /api/subaccounts). */
  pages: (apiKey: string) => [...subaccountKeys.all(apiKey), 'page'] as const,
  /** The public list: the primary's own numbers and all subaccounts, unpaged. */
  family: (apiKey: string) => [...subaccountKeys.all(apiKey), 'family'] as const,
  /** The primary's own balance and credit limit (from one console page, without the unpaged list). */
  primary: (apiKey: string) => [...subaccountKeys.all(apiKey), 'primary'] as const,
  detail: (apiKey: string, subKey: string) => [...subaccountKeys.all(apiKey), 'detail', subKey] as const,
};

export const transferKeys = {
  all: (apiKey: string) => ['transfers', apiKey] as const,
  kind: (apiKey: string, kind: TransferKind) => [...transferKeys.all(apiKey), kind] as const,
};
