import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { invoiceListQuerySchema, invoiceStatuses, invoiceStatusLabels, type InvoiceListQuery } from '../../../../contract/invoices.js';
import { Card } from '../../../components/ui/card.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { invoicesQueryOptions } from '../api/get-invoices.js';
import { invoiceSettingsQueryOptions } from '../api/invoice-settings.js';
import { FinanceEmailForm } from '../components/finance-email-form.js';
import { InvoiceList } from '../components/invoice-list.js';

/** The list's query from the URL (status, from, to, payment_id, page); anything invalid is left out. */
export function readInvoiceQuery(params: URLSearchParams): InvoiceListQuery {
  const raw = Object.fromEntries(['status', 'from', 'to', 'payment_id', 'page'].flatMap((name) => (params.get(name) ? [[name, params.get(name)]] : [])));
  const parsed = invoiceListQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : invoiceListQuerySchema.parse({});
  return { status: query.status, from: query.from, to: query.to, payment_id: query.payment_id, page: query.page, page_size: 20 };
}

export const invoicesLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (session) {
      void queryClient.prefetchQuery(invoicesQueryOptions(session.account.api_key, readInvoiceQuery(new URL(request.url).searchParams)));
      void queryClient.prefetchQuery(invoiceSettingsQueryOptions(session.account.api_key));
    }
    return null;
  };

const statusOptions = [{ value: '', label: 'Any status' }, ...invoiceStatuses.map((status) => ({ value: status, label: invoiceStatusLabels[status] }))];

/** Invoices and credit notes: filter, download one or all shown, e-mail one to finance; where they are e-mailed. */
export function InvoicesPage() {
  const apiKey = useApiKey();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => readInvoiceQuery(searchParams), [searchParams]);
  const setFilter = (name: string, value: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <title>Invoices · Switchboard</title>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Invoices</h1>
        <p className="mt-1 text-sm text-slate-600">
          One invoice per payment: final once the payment settles (a card payment in review takes up to 72 hours), a pro-forma while a bank transfer is awaited, and a
          credit note for each refund.
        </p>
      </div>
      <Card title="Filters">
        <form aria-label="Filter invoices" className="grid gap-4 sm:grid-cols-3" onSubmit={(event) => event.preventDefault()}>
          <Select label="Status" options={statusOptions} value={query.status ?? ''} onChange={(event) => setFilter('status', event.target.value)} />
          <TextField label="From" type="date" value={query.from ?? ''} onChange={(event) => setFilter('from', event.target.value)} />
          <TextField label="To" type="date" value={query.to ?? ''} onChange={(event) => setFilter('to', event.target.value)} />
        </form>
        {query.payment_id && (
          <p className="mt-4 text-sm text-slate-700">
            Showing the invoice of one payment.{' '}
            <button type="button" className="font-medium text-indigo-700 underline hover:text-indigo-800" onClick={() => setFilter('payment_id', '')}>
              Show all invoices
            </button>
          </p>
        )}
      </Card>
      <InvoiceList apiKey={apiKey} query={query} onPage={(page) => setFilter('page', page > 1 ? String(page) : '')} />
      <FinanceEmailForm apiKey={apiKey} />
    </div>
  );
}
