import type { NumberListQuery } from '../../../../contract/numbers.js';

// Every key starts with the family's primary API key; a change to a rented number refreshes `owned`
// (every list page) and `available` (what is for sale).

export interface AvailableFilters {
  country: string;
  type?: string;
  features?: string;
  pattern?: string;
  search_pattern?: string;
  index: number;
}

export const numberKeys = {
  all: (apiKey: string) => ['numbers', apiKey] as const,
  owned: (apiKey: string) => [...numberKeys.all(apiKey), 'owned'] as const,
  ownedPage: (apiKey: string, query: NumberListQuery) => [...numberKeys.owned(apiKey), query] as const,
  available: (apiKey: string) => [...numberKeys.all(apiKey), 'available'] as const,
  availablePage: (apiKey: string, filters: AvailableFilters) => [...numberKeys.available(apiKey), filters] as const,
  quote: (apiKey: string, account: string, msisdn: string) => [...numberKeys.all(apiKey), 'quote', account, msisdn] as const,
};

/** The URL of one rented number of one account (the console's routes act on the account in the path). */
export const numberUrl = (account: string, msisdn: string) => `/api/accounts/${encodeURIComponent(account)}/numbers/${encodeURIComponent(msisdn)}`;
