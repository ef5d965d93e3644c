import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { AccountSummary } from '../../../../contract/account.js';
import { eurosToMicros, microsToEuros } from '../../../../contract/money.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Card } from '../../../components/ui/card.js';
import { PageSpinner } from '../../../components/ui/spinner.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { accountSummaryQueryOptions, useAccountSummary } from '../../../lib/account-summary.js';
import { formatDate } from '../../../lib/format-date.js';
import { Money } from '../../../components/ui/money.js';
import { paths, type HomeState } from '../../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { apiCallsQueryOptions } from '../api/get-api-calls.js';
import { ApiCredentialsCard } from '../components/api-credentials-card.js';
import { LastApiCallsCard } from '../components/last-api-calls-card.js';
import { LoadError } from '../../../components/ui/query-state.js';

export const overviewLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  // Warm the cache; a failure is shown by the page rather than the route's error boundary.
  if (session) {
    const apiKey = session.account.api_key;
    await Promise.all([
      queryClient.prefetchQuery(accountSummaryQueryOptions(apiKey)),
      queryClient.prefetchQuery(apiCallsQueryOptions(apiKey, 10)),
    ]);
  }
  return null;
};

/** `runway`: the balance's forecast, from the balance-alerts feature; `spend`: the usage feature's chart (both composed in app/routes). */
export function OverviewPage({ runway, spend }: { runway?: ReactNode; spend?: ReactNode }) {
  const apiKey = useApiKey();
  const summary = useAccountSummary(apiKey);
  const apiSecret = useOneTimeSecret();

  return (
    <div className="mx-auto max-w-5xl">
      <title>Overview · Switchboard</title>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Overview</h1>
        {summary.data?.demo && (
          <Badge tone="warning" title="Demo mode">
            DEMO
          </Badge>
        )}
      </div>

      {summary.isPending ? (
        <PageSpinner label="Loading your account…" />
      ) : summary.isError ? (
        <LoadError className="mt-6" size="md" title="We could not load your account" message={summary.error.message} onRetry={() => summary.refetch()} />
      ) : (
        <div className="mt-6 space-y-6">
          {summary.data.demo && (
            <Alert variant="warning" title="Your account is in demo mode">
              <p>
                You can try everything with your free test credit, but messages go only to your verified test numbers
                (up to 10) and &lsquo;[DEMO]&rsquo; is appended to every text.
              </p>
              <p className="mt-1">
                Demo mode ends with your first payment: top up your balance once and your account goes live.
              </p>
            </Alert>
          )}
          {!summary.data.has_successful_api_call && (
            <Card title="Getting started">
              <p className="text-sm text-slate-600">
                Add a test number, send yourself a test SMS and make your first API call.{' '}
                <TextLink to={paths.gettingStarted.getHref()}>Open the getting started guide</TextLink>
              </p>
            </Card>
          )}
          <div className="grid gap-6 md:grid-cols-2">
            <BalanceCard summary={summary.data} />
            <Card title="Account">
              <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-sm">
                <dt className="text-slate-500">Company</dt>
                <dd className="font-medium text-slate-900">{summary.data.company_name}</dd>
                <dt className="text-slate-500">Mode</dt>
                <dd>
                  {summary.data.demo ? <Badge tone="warning">DEMO</Badge> : <Badge tone="success">LIVE</Badge>}
                </dd>
                <dt className="text-slate-500">Created</dt>
                <dd className="text-slate-900">{formatDate(summary.data.created_at)}</dd>
              </dl>
            </Card>
          </div>
          {runway}
          {spend}
          <ApiCredentialsCard apiKey={summary.data.api_key} apiSecret={apiSecret} />
          <LastApiCallsCard apiKey={summary.data.api_key} />
        </div>
      )}
    </div>
  );
}

/**
 * The balance; a postpaid account also sees its agreed credit limit, what of it was lent to
 * subaccounts, what remains its own, and what is left to spend.
 */
function BalanceCard({ summary }: { summary: AccountSummary }) {
  const agreed = microsToEuros((eurosToMicros(summary.credit_limit) ?? 0) - (eurosToMicros(summary.credit_lent) ?? 0));
  const figures: Array<[string, number]> = [
    ['Agreed credit limit', agreed],
    ...(summary.credit_lent > 0
      ? ([
          ['Lent to subaccounts', summary.credit_lent],
          ['Remaining credit limit', summary.credit_limit],
        ] as Array<[string, number]>)
      : []),
    ['Available to spend', summary.available],
  ];
  return (
    <Card title="Balance">
      <p className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">
        <Money amount={summary.balance} />
      </p>
      {agreed < 0 ? (
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
          {figures.map(([label, amount]) => (
            <div key={label}>
              <dt className="text-slate-500">{label}</dt>
              <dd className="font-medium text-slate-900">
                <Money amount={amount} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-500">Prepaid: you can spend down to zero.</p>
      )}
    </Card>
  );
}

/**
 * The API secret handed over in router state right after sign-up. It is kept in component state and
 * removed from the history entry, so a reload or a later visit never shows it again.
 */
function useOneTimeSecret(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const fromState = (location.state as HomeState | null)?.api_secret ?? null;
  const [secret] = useState(fromState);

  useEffect(() => {
    if (fromState) void navigate(location.pathname + location.search, { replace: true, state: null });
  }, [fromState, location.pathname, location.search, navigate]);

  return secret;
}
