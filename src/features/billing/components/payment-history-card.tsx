import type { Payment, PaymentStatus } from '../../../../contract/billing.js';
import { Badge, type BadgeTone } from '../../../components/ui/badge.js';
import { Card } from '../../../components/ui/card.js';
import { Money } from '../../../components/ui/money.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Table } from '../../../components/ui/table.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { useCan } from '../../../lib/authorization.js';
import { paths } from '../../../lib/paths.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { usePayments } from '../api/get-payments.js';

const statusBadge: Record<PaymentStatus, { label: string; tone: BadgeTone }> = {
  processing: { label: 'Processing', tone: 'neutral' },
  pending: { label: 'Pending', tone: 'warning' },
  settled: { label: 'Settled', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  refunded: { label: 'Refunded', tone: 'neutral' },
};

function details(payment: Payment): string {
  if (payment.failure) return payment.failure.message;
  if (payment.status === 'pending' && payment.reference) return `Awaiting your transfer with reference ${payment.reference}`;
  if (payment.status === 'pending') return 'In review with the card issuer';
  if (payment.refunded > 0 && payment.status === 'settled') return 'Partly refunded';
  return payment.reference ? `Reference ${payment.reference}` : '';
}

/** A payment has an invoice once it settled or while it is pending (in review, or a bank transfer's pro-forma). */
const hasInvoice = (payment: Payment) => payment.status === 'settled' || payment.status === 'refunded' || payment.status === 'pending';

/** Every payment, newest first: date, method, amount, status and what it means. */
export function PaymentHistoryCard({ apiKey }: { apiKey: string }) {
  const payments = usePayments(apiKey);
  const canReadInvoices = useCan('invoices:read');
  const list = payments.data?.payments ?? [];
  return (
    <Card title="Billing history">
      {payments.isPending && <LoadingLine label="Loading the billing history…" />}
      {payments.isError && <LoadError message="We could not load the billing history." onRetry={() => void payments.refetch()} />}
      {payments.data && list.length === 0 && <p className="text-sm text-slate-600">No payments yet.</p>}
      {list.length > 0 && (
        <Table caption="Billing history" stackOnPhone phoneColumns={2}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Method</th>
              <th scope="col" className="text-right">
                Amount
              </th>
              <th scope="col">Status</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {list.map((payment) => (
              <tr key={payment.id}>
                <td data-label="Date" className="whitespace-nowrap">
                  {formatDateTime(payment.created_at)}
                </td>
                <td data-label="Method">{payment.method_label}</td>
                <td data-label="Amount" className="text-right">
                  <Money amount={payment.amount} />
                  {payment.refunded > 0 && (
                    <span className="block text-xs text-slate-500">
                      <Money amount={payment.refunded} /> refunded
                    </span>
                  )}
                </td>
                <td data-label="Status">
                  <Badge tone={statusBadge[payment.status].tone}>{statusBadge[payment.status].label}</Badge>
                </td>
                <td data-label="Details" className="text-slate-600">
                  {details(payment)}
                  {canReadInvoices && hasInvoice(payment) && (
                    <TextLink to={paths.invoices.getHref(payment.id)} className="block">
                      {payment.status === 'pending' ? 'Its invoice (not final yet)' : 'Its invoice'}
                    </TextLink>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
