import type { TransferFilters } from './get-transfer-history.js';

// Every key starts with the family's primary API key and runs broad → narrow, so invalidating
// `all` refreshes the lists and every detail; mutations invalidate the narrowest prefix they change.

export const subaccountKeys = {
  all: (apiKey: string) => ['subaccounts', apiKey] as const,
  /** Every console page of every search/filter/sort (GET /api/subaccounts). */
  pages: (apiKey: string) => [...subaccountKeys.all(apiKey), 'page'] as const,
  /** The primary's own balance and credit limit (from one console page, without the unpaged list). */
  primary: (apiKey: string) => [...subaccountKeys.all(apiKey), 'primary'] as const,
  detail: (apiKey: string, subKey: string) => [...subaccountKeys.all(apiKey), 'detail', subKey] as const,
  /** A few subaccounts whose name or key matches what was typed (the transfers page's filter). */
  search: (apiKey: string, search: string) => [...subaccountKeys.pages(apiKey), 'search', search] as const,
};

export const transferKeys = {
  all: (apiKey: string) => ['transfers', apiKey] as const,
  history: (apiKey: string, filters: TransferFilters) => [...transferKeys.all(apiKey), 'history', filters] as const,
};
