import type { QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { CopyField } from '../../../components/ui/copy-field.js';
import { PageSkeleton } from '../../../components/ui/skeleton.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { isApiError } from '../../../lib/api-client.js';
import { formatDate } from '../../../lib/format-date.js';
import { paths } from '../../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { subaccountQueryOptions, useSubaccount } from '../api/get-subaccount.js';
import { primaryAccountQueryOptions, usePrimaryAccount } from '../api/get-primary-account.js';
import { transferHistoryQueryOptions } from '../api/get-transfer-history.js';
import { BALANCE_MODE_TEXT } from '../components/balance-mode-text.js';
import { SubaccountFundsCard } from '../components/subaccount-funds-card.js';
import { SubaccountSettingsCard } from '../components/subaccount-settings-card.js';
import { SubaccountTabs } from '../components/subaccount-tabs.js';
import { SubaccountTransfersCard } from '../components/subaccount-transfers-card.js';
import { TransferDialog, type TransferAction } from '../components/transfer-dialog.js';

export const subaccountLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    const subKey = params.subKey ?? '';
    // Start the requests without waiting for them: the layout and the page's skeleton show at once,
    // and failures are shown by the page and its cards rather than the route's error boundary.
    if (session && subKey) {
      const apiKey = session.account.api_key;
      void queryClient.prefetchQuery(primaryAccountQueryOptions(apiKey));
      void queryClient
        .ensureQueryData(subaccountQueryOptions(apiKey, subKey))
        .then((subaccount) =>
          queryClient.prefetchInfiniteQuery(
            transferHistoryQueryOptions(apiKey, { start_date: subaccount.created_at, subaccount: subKey }),
          ),
        )
        .catch(() => undefined);
    }
    return null;
  };

/**
 * `balanceAlert`: the subaccount's runway and alert, from the balance-alerts feature; `spend`: its
 * usage chart; `numbers`: the numbers it rents (all composed in app/routes).
 */
export function SubaccountPage({ balanceAlert, spend, numbers }: { balanceAlert?: ReactNode; spend?: ReactNode; numbers?: ReactNode }) {
  const apiKey = useApiKey();
  const subKey = useParams().subKey ?? '';
  const subaccount = useSubaccount(apiKey, subKey);
  const primaryAccount = usePrimaryAccount(apiKey);
  const [transfer, setTransfer] = useState<TransferAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const back = (
    <p className="text-sm">
      <TextLink to={paths.subaccounts.getHref()}>
        <span aria-hidden="true">← </span>Subaccounts
      </TextLink>
    </p>
  );

  if (subaccount.isPending) {
    return (
      <div className="mx-auto max-w-5xl">
        {back}
        <PageSkeleton label="Loading the subaccount…" />
      </div>
    );
  }
  if (isApiError(subaccount.error, 404)) {
    return (
      <div className="mx-auto max-w-5xl space-y-4 py-10 text-center">
        <title>Subaccount not found · Switchboard</title>
        <p className="text-sm font-semibold text-indigo-600">404</p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Subaccount not found</h1>
        <p className="text-slate-600">
          None of your subaccounts has the API key <span className="font-mono break-all">{subKey}</span>. The link may be
          mistyped, or the subaccount may belong to another account.
        </p>
        <p>
          <TextLink to={paths.subaccounts.getHref()}>Back to your subaccounts</TextLink>
        </p>
      </div>
    );
  }
  if (subaccount.isError) {
    return (
      <div className="mx-auto max-w-5xl space-y-4">
        <title>Subaccount · Switchboard</title>
        {back}
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Subaccount {subKey}</h1>
        <Alert variant="error" title="We could not load the subaccount">
          {subaccount.error.message}
        </Alert>
        <Button variant="secondary" onClick={() => subaccount.refetch()}>
          Try again
        </Button>
      </div>
    );
  }

  const sub = subaccount.data;
  const primary = primaryAccount.data;
  const ownFunds = sub.balance !== null && sub.credit_limit !== null ? { ...sub, balance: sub.balance, credit_limit: sub.credit_limit } : null;

  return (
    <div className="mx-auto max-w-5xl">
      <title>{`${sub.name} · Subaccounts · Switchboard`}</title>
      {back}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 title={sub.name} className="max-w-full truncate text-2xl font-semibold tracking-tight text-slate-900">
          {sub.name}
        </h1>
        {sub.suspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}
        <Badge tone={sub.use_primary_account_balance ? 'neutral' : 'info'}>
          {BALANCE_MODE_TEXT[sub.use_primary_account_balance ? 'shared' : 'own'].label}
        </Badge>
      </div>
      <p className="mt-1 text-sm text-slate-600">Subaccount created {formatDate(sub.created_at)}</p>
      <SubaccountTabs subKey={sub.api_key} />

      <div className="mt-6 space-y-6">
        {notice && (
          <Alert variant="success" className="flex-1">
            {notice}
          </Alert>
        )}
        {sub.suspended && (
          <Alert variant="warning" title="This subaccount is suspended">
            Every API refuses its API key and secrets until you reactivate it under Settings.
          </Alert>
        )}
        {primaryAccount.isError && (
          <Alert variant="error">Your account&rsquo;s balance could not be loaded: {primaryAccount.error.message}</Alert>
        )}
        <div className="grid gap-6 md:grid-cols-2">
          <SubaccountFundsCard
            subaccount={sub}
            primary={primary}
            onTransfer={(action) => {
              setNotice(null);
              setTransfer(action);
              // The dialog's "available" must be current: fetch your account's numbers again as it opens.
              void primaryAccount.refetch();
            }}
          />
          <Card title="API key">
            <CopyField label="API key" value={sub.api_key} copyLabel="Copy API key" />
            <p className="mt-3 text-sm text-slate-600">
              Your customer&rsquo;s applications use this key with one of the secrets below.
            </p>
          </Card>
        </div>
        {balanceAlert}
        {spend}
        {numbers}
        <SubaccountTransfersCard apiKey={apiKey} subaccount={sub} />
        <Card title="API secrets">
          <p className="text-sm text-slate-600">
            Rotate this subaccount&rsquo;s secrets without downtime: add a new one, deploy it, then revoke the old one.
          </p>
          <p className="mt-3">
            <TextLink to={paths.subaccountSecrets.getHref(sub.api_key)}>Manage API secrets</TextLink>
          </p>
        </Card>
        <SubaccountSettingsCard key={sub.api_key} apiKey={apiKey} subaccount={sub} />
      </div>

      {primary && ownFunds && (
        <TransferDialog
          action={transfer}
          parties={{ primary, subaccount: ownFunds }}
          onClose={() => setTransfer(null)}
          onDone={(message) => {
            setTransfer(null);
            setNotice(message);
          }}
        />
      )}
    </div>
  );
}
