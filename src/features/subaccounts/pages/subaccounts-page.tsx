import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Button } from '../../../components/ui/button.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useAccountSummary } from '../../../lib/account-summary.js';
import { Money } from '../../../components/ui/money.js';
import { paths } from '../../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { subaccountPagesQueryOptions } from '../api/get-subaccount-page.js';
import { CreateSubaccountDialog } from '../components/create-subaccount-dialog.js';
import { SubaccountsTable } from '../components/subaccounts-table.js';
import { nextSort, readListParams, writeListParams, type SubaccountListParams } from '../utils/list-params.js';
import { Can } from '../../../lib/authorization.js';

export const subaccountsLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    // Warm the first page; a failure is shown by the table rather than the route's error boundary.
    if (session) {
      const params = readListParams(new URL(request.url).searchParams);
      await queryClient.prefetchInfiniteQuery(subaccountPagesQueryOptions(session.account.api_key, params, 0));
    }
    return null;
  };

const statusOptions = [
  { value: '', label: 'All statuses' },
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
];
const balanceModeOptions = [
  { value: '', label: 'All balance modes' },
  { value: 'shared', label: 'Shared balance' },
  { value: 'own', label: 'Own balance' },
];

const SEARCH_DELAY_MS = 300;

export function SubaccountsPage() {
  const apiKey = useApiKey();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readListParams(searchParams), [searchParams]);
  const [searchText, setSearchText] = useState(params.search);
  const [creating, setCreating] = useState(false);

  // Search as the user types, once they pause.
  useEffect(() => {
    const search = searchText.trim().slice(0, 100);
    if (search === params.search) return;
    const timer = window.setTimeout(
      () => setSearchParams(writeListParams({ ...params, search }), { replace: true }),
      SEARCH_DELAY_MS,
    );
    return () => window.clearTimeout(timer);
  }, [searchText, params, setSearchParams]);

  const update = (patch: Partial<SubaccountListParams>) =>
    setSearchParams(writeListParams({ ...params, ...patch }), { replace: true });

  return (
    <div className="mx-auto max-w-7xl">
      <title>Subaccounts · Switchboard</title>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Subaccounts</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            One subaccount per customer: each has its own API credentials, and you see and control what it spends.
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <Link
            to={paths.subaccountTransfers.getHref()}
            className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            Transfers
          </Link>
          <Can permission="subaccounts:write">
            {(can) => (
              <Button {...can} onClick={() => setCreating(true)}>
                Create subaccount
              </Button>
            )}
          </Can>
        </div>
      </div>

      <PrimaryFunds apiKey={apiKey} />

      <div role="search" aria-label="Subaccounts" className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <TextField
          label="Search"
          type="search"
          placeholder="Name or API key"
          autoComplete="off"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
        />
        <Select
          label="Status"
          options={statusOptions}
          value={params.status}
          onChange={(event) => update({ status: event.target.value as SubaccountListParams['status'] })}
        />
        <Select
          label="Balance mode"
          options={balanceModeOptions}
          value={params.balance_mode}
          onChange={(event) => update({ balance_mode: event.target.value as SubaccountListParams['balance_mode'] })}
        />
      </div>

      <p className="mt-4 mb-2 text-xs text-slate-500">Live: balances refresh every 5 seconds while this page is open.</p>
      <SubaccountsTable apiKey={apiKey} params={params} onSort={(column) => update(nextSort(params, column))} />

      <CreateSubaccountDialog apiKey={apiKey} open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

/** The primary's own numbers, which shared-balance subaccounts spend from and transfers draw on. */
function PrimaryFunds({ apiKey }: { apiKey: string }) {
  const summary = useAccountSummary(apiKey);
  if (!summary.data) return null;
  return (
    <dl
      aria-label="Your account"
      className="mt-4 flex flex-wrap gap-x-8 gap-y-2 rounded-lg bg-white px-5 py-3 text-sm shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex gap-2">
        <dt className="text-slate-500">Your balance</dt>
        <dd className="font-medium text-slate-900">
          <Money amount={summary.data.balance} />
        </dd>
      </div>
      <div className="flex gap-2">
        <dt className="text-slate-500">Your credit limit</dt>
        <dd className="font-medium text-slate-900">
          <Money amount={summary.data.credit_limit} />
        </dd>
      </div>
      <div className="flex gap-2">
        <dt className="text-slate-500">Available to spend</dt>
        <dd className="font-medium text-slate-900">
          <Money amount={summary.data.available} />
        </dd>
      </div>
    </dl>
  );
}
