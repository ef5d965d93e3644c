import type { InvoiceListQuery } from '../../../../contract/invoices.js';

// Every key starts with the API key of the family it belongs to.
export const invoiceKeys = {
  all: (apiKey: string) => ['account', apiKey, 'invoices'] as const,
  list: (apiKey: string, query: InvoiceListQuery) => ['account', apiKey, 'invoices', 'list', query] as const,
  settings: (apiKey: string) => ['account', apiKey, 'invoices', 'settings'] as const,
};
