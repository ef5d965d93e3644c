import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvoiceSettings, InvoiceSettingsRequest } from '../../../../contract/invoices.js';
import { apiClient } from '../../../lib/api-client.js';
import { invoiceKeys } from './query-keys.js';

/** GET /api/invoices/settings: the finance e-mail (null while unset) and the account e-mail. */
export const getInvoiceSettings = (signal?: AbortSignal) => apiClient.get<InvoiceSettings>('/api/invoices/settings', { signal });

export const invoiceSettingsQueryOptions = (apiKey: string) =>
  queryOptions({ queryKey: invoiceKeys.settings(apiKey), queryFn: ({ signal }) => getInvoiceSettings(signal) });

export function useInvoiceSettings(apiKey: string) {
  return useQuery({ ...invoiceSettingsQueryOptions(apiKey), enabled: apiKey !== '' });
}

/** PUT /api/invoices/settings (billing:write). */
export function useSaveInvoiceSettings(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InvoiceSettingsRequest) => apiClient.put<InvoiceSettings>('/api/invoices/settings', body),
    onSuccess: (settings) => queryClient.setQueryData(invoiceKeys.settings(apiKey), settings),
  });
}
