import type { QueryClient } from '@tanstack/react-query';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { autoReloadQueryOptions } from '../api/get-auto-reload.js';
import { AutoReloadCard } from '../components/auto-reload-card.js';

export const autoReloadLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  if (session) await queryClient.prefetchQuery(autoReloadQueryOptions(session.account.api_key));
  return null;
};

/** Settings › Auto-reload (seed 004), until the Billing page holds its section. */
export function AutoReloadPage() {
  const apiKey = useApiKey();
  return (
    <div className="mx-auto max-w-3xl">
      <title>Auto-reload · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Auto-reload</h1>
      <p className="mt-1 text-sm text-slate-600">
        Keep a busy account topped up without anyone watching: when the balance falls below the threshold, we add the amount from
        the payment method you choose. The API can also reload at once (<code>POST /account/top-up</code>) while auto-reload is on.
      </p>
      <div className="mt-6">
        <AutoReloadCard apiKey={apiKey} />
      </div>
    </div>
  );
}
