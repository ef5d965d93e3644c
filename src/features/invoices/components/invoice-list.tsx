import { useState } from 'react';
import { invoiceStatusLabels, type Invoice, type InvoiceListQuery, type InvoiceStatus } from '../../../../contract/invoices.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge, type BadgeTone } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { Money } from '../../../components/ui/money.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Table } from '../../../components/ui/table.js';
import { formatDate, formatDateTime } from '../../../lib/format-date.js';
import { invoiceArchiveHref, invoicePdfHref, useInvoices } from '../api/get-invoices.js';
import { useSendInvoice } from '../api/send-invoice.js';

const statusTone: Record<InvoiceStatus, BadgeTone> = { pending: 'warning', proforma: 'info', final: 'success', void: 'neutral' };

const linkClass =
  'inline-flex items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

function title(invoice: Invoice): string {
  if (invoice.kind === 'credit_note') return `Credit note ${invoice.number} (for ${invoice.credited_number})`;
  if (invoice.number) return invoice.number;
  return invoice.status === 'proforma' ? `Pro-forma ${invoice.payment_reference ?? ''}`.trim() : 'Not issued yet';
}

/** Where the invoice stands, in words: when a pending card invoice is expected, why a void one never came. */
function note(invoice: Invoice): string | null {
  if (invoice.status === 'pending' && invoice.expected_at) return `The card payment is in review: expected by ${formatDateTime(invoice.expected_at)}`;
  if (invoice.status === 'proforma') return 'The final invoice follows when your transfer arrives';
  if (invoice.status === 'void') return 'The payment failed: no invoice was issued';
  return null;
}

/** One page of invoices, newest first, with "download all shown" and, per row, the PDF and "send to finance e-mail". */
export function InvoiceList({ apiKey, query, onPage }: { apiKey: string; query: InvoiceListQuery; onPage: (page: number) => void }) {
  const invoices = useInvoices(apiKey, query);
  const send = useSendInvoice();
  const [sent, setSent] = useState<{ id: string; to: string } | null>(null);
  const list = invoices.data?.invoices ?? [];
  const downloadable = list.filter((invoice) => invoice.downloadable);
  const page = invoices.data?.page ?? 1;
  const pages = invoices.data ? Math.max(1, Math.ceil(invoices.data.total / invoices.data.page_size)) : 1;

  return (
    <Card title="Invoices and credit notes">
      {invoices.isPending && <LoadingLine label="Loading the invoices…" />}
      {invoices.isError && <LoadError message="We could not load the invoices." onRetry={() => void invoices.refetch()} />}
      {invoices.data && list.length === 0 && <p className="text-sm text-slate-600">No invoices match these filters.</p>}
      {sent && (
        <Alert variant="success" className="mb-4">
          Sent to {sent.to}.
        </Alert>
      )}
      {send.isError && (
        <Alert variant="error" className="mb-4">
          {send.error.message}
        </Alert>
      )}
      {list.length > 0 && (
        <>
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600">
              {invoices.data?.total} in all · page {page} of {pages}
            </p>
            {downloadable.length > 0 && (
              <a href={invoiceArchiveHref(downloadable.map((invoice) => invoice.id))} download className={linkClass}>
                Download all shown (ZIP)
              </a>
            )}
          </div>
          <Table caption="Invoices" stackOnPhone phoneColumns={2}>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Date</th>
                <th scope="col" className="text-right">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">Payment method</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((invoice) => (
                <tr key={invoice.id}>
                  <td data-label="Number" className="font-medium text-slate-900">
                    {title(invoice)}
                    {note(invoice) && <span className="block text-xs font-normal text-slate-600">{note(invoice)}</span>}
                  </td>
                  <td data-label="Date" className="whitespace-nowrap">
                    {formatDate(invoice.date)}
                  </td>
                  <td data-label="Amount" className="text-right">
                    {invoice.kind === 'credit_note' ? '−' : ''}
                    <Money amount={invoice.amount} />
                  </td>
                  <td data-label="Status">
                    <Badge tone={statusTone[invoice.status]}>{invoiceStatusLabels[invoice.status]}</Badge>
                  </td>
                  <td data-label="Payment method">{invoice.method_label}</td>
                  <td data-label="Actions">
                    {invoice.downloadable && (
                      <div className="flex flex-wrap gap-2">
                        <a href={invoicePdfHref(invoice.id)} download className={linkClass} aria-label={`Download ${title(invoice)} (PDF)`}>
                          PDF
                        </a>
                        <Button
                          variant="secondary"
                          size="sm"
                          isLoading={send.isPending && send.variables === invoice.id}
                          aria-label={`Send ${title(invoice)} to the finance e-mail`}
                          onClick={() => {
                            setSent(null);
                            send.mutate(invoice.id, { onSuccess: (answer) => setSent({ id: invoice.id, to: answer.sent_to }) });
                          }}
                        >
                          Send to finance e-mail
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {pages > 1 && (
            <nav aria-label="Pages" className="mt-4 flex items-center gap-3">
              <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
                Previous
              </Button>
              <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
                Next
              </Button>
            </nav>
          )}
        </>
      )}
    </Card>
  );
}
