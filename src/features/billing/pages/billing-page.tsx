import type { ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router-dom';
import { Card } from '../../../components/ui/card.js';
import { Money } from '../../../components/ui/money.js';
import { accountSummaryQueryOptions, useAccountSummary } from '../../../lib/account-summary.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { paymentMethodsQueryOptions } from '../api/get-payment-methods.js';
import { paymentsQueryOptions } from '../api/get-payments.js';
import { BankTransferCard } from '../components/bank-transfer-card.js';
import { PaymentHistoryCard } from '../components/payment-history-card.js';
import { PaymentMethodsCard } from '../components/payment-methods-card.js';
import { TopUpCard } from '../components/top-up-card.js';

/** Router state the billing page accepts: a notice to show on the methods card (e.g. PayPal added). */
export interface BillingState {
  notice?: string;
}

export const billingLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  // Warm the cache; failures are shown by each card rather than the route's error boundary.
  if (session) {
    const apiKey = session.account.api_key;
    await Promise.all([
      queryClient.prefetchQuery(paymentMethodsQueryOptions(apiKey)),
      queryClient.prefetchQuery(paymentsQueryOptions(apiKey)),
      queryClient.prefetchQuery(accountSummaryQueryOptions(apiKey)),
    ]);
  }
  return null;
};

/** `autoReload`: the auto-reload feature's section, composed in by the route (features never import each other). */
export function BillingPage({ autoReload }: { autoReload?: ReactNode } = {}) {
  const apiKey = useApiKey();
  const summary = useAccountSummary(apiKey);
  const notice = (useLocation().state as BillingState | null)?.notice ?? null;
  return (
    <div className="mx-auto max-w-5xl">
      <title>Billing · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Billing</h1>
      <p className="mt-1 text-sm text-slate-600">Top up your balance, manage how you pay, and see every payment.</p>
      <div className="mt-6 space-y-6">
        {summary.data && (
          <Card title="Balance">
            <dl className="grid gap-4 sm:grid-cols-3">
              <div>
                <dt className="text-sm text-slate-600">Balance</dt>
                <dd className="text-2xl font-semibold text-slate-900">
                  <Money amount={summary.data.balance} />
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Available to spend</dt>
                <dd className="text-lg font-medium text-slate-900">
                  <Money amount={summary.data.available} />
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Mode</dt>
                <dd className="text-lg font-medium text-slate-900">{summary.data.demo ? 'DEMO (until your first payment)' : 'Live'}</dd>
              </div>
            </dl>
          </Card>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <TopUpCard apiKey={apiKey} />
          <PaymentMethodsCard apiKey={apiKey} notice={notice} />
        </div>
        {autoReload}
        <BankTransferCard apiKey={apiKey} />
        <PaymentHistoryCard apiKey={apiKey} />
      </div>
    </div>
  );
}
