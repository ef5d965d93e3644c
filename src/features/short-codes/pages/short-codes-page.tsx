import type { QueryClient } from '@tanstack/react-query';
import { Card } from '../../../components/ui/card.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { shortCodeOptionsQueryOptions, useShortCodeOptions } from '../api/get-short-code-options.js';
import { shortCodesQueryOptions, useShortCodes } from '../api/get-short-codes.js';
import { AddShortCodeForm } from '../components/add-short-code-form.js';
import { ShortCodeCard } from '../components/short-code-card.js';

export const shortCodesLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  if (session) {
    const apiKey = session.account.api_key;
    await Promise.all([queryClient.prefetchQuery(shortCodesQueryOptions(apiKey)), queryClient.prefetchQuery(shortCodeOptionsQueryOptions(apiKey))]);
  }
  return null;
};

/** Numbers › Short codes (seed 004): shared US short codes for two-factor authentication and for alerts. */
export function ShortCodesPage() {
  const apiKey = useApiKey();
  const list = useShortCodes(apiKey);
  const options = useShortCodeOptions(apiKey);
  return (
    <div className="mx-auto max-w-5xl">
      <title>Short codes · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Short codes</h1>
      <p className="mt-1 text-sm text-slate-600">
        Pre-approved US short codes, shared between customers: one for two-factor authentication, one for event-based alerts. They carry no setup or
        monthly fee. Configure the message, then show the opt-in text on your sign-up page.
      </p>
      <div className="mt-6 space-y-6">
        <Card title="Add a shared short code">
          {options.isPending ? (
            <LoadingLine label="Loading the short codes…" />
          ) : options.isError ? (
            <LoadError message={options.error.message} onRetry={() => options.refetch()} />
          ) : (
            <AddShortCodeForm apiKey={apiKey} options={options.data} />
          )}
        </Card>
        {list.isPending ? (
          <LoadingLine label="Loading your short codes…" />
        ) : list.isError ? (
          <LoadError message={list.error.message} onRetry={() => list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <p className="text-sm text-slate-600">No short codes yet.</p>
        ) : (
          list.data.items.map((shortCode) => <ShortCodeCard key={`${shortCode.api_key}:${shortCode.code}`} apiKey={apiKey} shortCode={shortCode} />)
        )}
      </div>
    </div>
  );
}
