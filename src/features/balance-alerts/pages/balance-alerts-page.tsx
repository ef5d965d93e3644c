import type { QueryClient } from '@tanstack/react-query';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { balanceAlertQueryOptions } from '../api/get-balance-alert.js';
import { runwayQueryOptions } from '../api/get-runway.js';
import { BalanceAlertCard } from '../components/balance-alert-form.js';
import { RunwayCard } from '../components/runway-card.js';

export const balanceAlertsLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  if (session) {
    const apiKey = session.account.api_key;
    await Promise.all([queryClient.prefetchQuery(balanceAlertQueryOptions(apiKey, apiKey)), queryClient.prefetchQuery(runwayQueryOptions(apiKey, apiKey))]);
  }
  return null;
};

/** Settings › Invoice & balance alerts (seed 004): who is told, and below which balance. */
export function BalanceAlertsPage() {
  const apiKey = useApiKey();
  return (
    <div className="mx-auto max-w-5xl">
      <title>Invoice &amp; balance alerts · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Invoice &amp; balance alerts</h1>
      <p className="mt-1 text-sm text-slate-600">
        When the balance reaches zero the API refuses paid requests and rented numbers are released at renewal. Hear about it
        first. Subaccounts with their own balance have their own alert on their page.
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <BalanceAlertCard apiKey={apiKey} accountKey={apiKey} title="Balance alert" />
        <RunwayCard apiKey={apiKey} accountKey={apiKey} />
      </div>
    </div>
  );
}
