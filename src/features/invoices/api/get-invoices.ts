import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InvoiceList, InvoiceListQuery } from '../../../../contract/invoices.js';
import { apiClient } from '../../../lib/api-client.js';
import { invoiceKeys } from './query-keys.js';

const search = (query: InvoiceListQuery) =>
  new URLSearchParams(Object.entries(query).flatMap(([name, value]) => (value === undefined || value === '' ? [] : [[name, String(value)]]))).toString();

/** GET /api/invoices: one page of invoices and credit notes, newest first. */
export const getInvoices = (query: InvoiceListQuery, signal?: AbortSignal) => apiClient.get<InvoiceList>(`/api/invoices?${search(query)}`, { signal });

export const invoicesQueryOptions = (apiKey: string, query: InvoiceListQuery) =>
  queryOptions({ queryKey: invoiceKeys.list(apiKey, query), queryFn: ({ signal }) => getInvoices(query, signal), placeholderData: keepPreviousData });

export function useInvoices(apiKey: string, query: InvoiceListQuery) {
  return useQuery({ ...invoicesQueryOptions(apiKey, query), enabled: apiKey !== '' });
}

/** The PDF of one issued invoice (a plain link: the browser downloads it with the session cookie). */
export const invoicePdfHref = (id: string) => `/api/invoices/${encodeURIComponent(id)}/pdf`;

/** The PDFs of the invoices shown, in one ZIP. */
export const invoiceArchiveHref = (ids: string[]) => `/api/invoices/archive.zip?ids=${ids.map(encodeURIComponent).join(',')}`;
