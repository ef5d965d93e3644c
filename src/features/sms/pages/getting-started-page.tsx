import type { QueryClient } from '@tanstack/react-query';
import { Alert } from '../../../components/ui/alert.js';
import { PageSpinner } from '../../../components/ui/spinner.js';
import { accountSummaryQueryOptions, useAccountSummary } from '../../../lib/account-summary.js';
import { Money } from '../../../components/ui/money.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { messagesQueryOptions } from '../api/get-messages.js';
import { smsPricesQueryOptions } from '../api/get-sms-prices.js';
import { testNumbersQueryOptions, useTestNumbers } from '../api/get-test-numbers.js';
import { FirstApiCallStep } from '../components/first-api-call-step.js';
import { MessagesCard } from '../components/messages-card.js';
import { PricesCard } from '../components/prices-card.js';
import { SendTestSmsStep } from '../components/send-test-sms-step.js';
import { TestNumbersStep } from '../components/test-numbers-step.js';
import { LoadError } from '../../../components/ui/query-state.js';

export const gettingStartedLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  // Warm the cache; failures are shown by each section rather than the route's error boundary.
  if (session) {
    const apiKey = session.account.api_key;
    await Promise.all([
      queryClient.prefetchQuery(accountSummaryQueryOptions(apiKey)),
      queryClient.prefetchQuery(testNumbersQueryOptions(apiKey)),
      queryClient.prefetchQuery(smsPricesQueryOptions(apiKey)),
      queryClient.prefetchQuery(messagesQueryOptions(apiKey, 10)),
    ]);
  }
  return null;
};

export function GettingStartedPage() {
  const apiKey = useApiKey();
  const summary = useAccountSummary(apiKey);
  const testNumbers = useTestNumbers(apiKey);
  const firstVerified = testNumbers.data?.test_numbers.find((testNumber) => testNumber.verified)?.number ?? null;

  return (
    <div className="mx-auto max-w-5xl">
      <title>Getting started · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Getting started</h1>
      <p className="mt-1 text-sm text-slate-600">
        Send your first SMS in three steps.
        {summary.data && (
          <>
            {' '}
            Your balance: <span className="font-medium text-slate-900 tabular-nums">
              <Money amount={summary.data.balance} />
            </span>
            .
          </>
        )}
      </p>

      {summary.isPending ? (
        <PageSpinner label="Loading your account…" />
      ) : summary.isError ? (
        <LoadError className="mt-6" size="md" title="We could not load your account" message={summary.error.message} onRetry={() => summary.refetch()} />
      ) : (
        <div className="mt-6 space-y-6">
          {summary.data.demo && (
            <Alert variant="warning" title="Your account is in demo mode">
              Messages go only to your verified test numbers and &lsquo;[DEMO]&rsquo; is appended to every text. Your first
              payment (a top-up of your balance) ends demo mode.
            </Alert>
          )}
          <TestNumbersStep apiKey={apiKey} demo={summary.data.demo} />
          <SendTestSmsStep apiKey={apiKey} summary={summary.data} />
          <MessagesCard apiKey={apiKey} />
          <FirstApiCallStep apiKey={apiKey} to={firstVerified} done={summary.data.has_successful_api_call} />
          <PricesCard apiKey={apiKey} />
        </div>
      )}
    </div>
  );
}
