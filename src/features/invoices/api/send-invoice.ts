import { useMutation } from '@tanstack/react-query';
import type { InvoiceSent } from '../../../../contract/invoices.js';
import { apiClient } from '../../../lib/api-client.js';

/** POST /api/invoices/:id/send: e-mails an issued invoice to the finance e-mail (else the account's). */
export const sendInvoice = (id: string) => apiClient.post<InvoiceSent>(`/api/invoices/${encodeURIComponent(id)}/send`);

export function useSendInvoice() {
  return useMutation({ mutationFn: sendInvoice });
}
