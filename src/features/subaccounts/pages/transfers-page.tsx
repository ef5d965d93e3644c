import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { downloadCsv } from '../../../lib/csv.js';
import { paths } from '../../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { subaccountFamilyQueryOptions, useSubaccountFamily } from '../api/get-subaccounts.js';
import { transfersQueryOptions } from '../api/get-transfers.js';
import { TransfersTable } from '../components/transfers-table.js';
import { useTransferList } from '../hooks/use-transfer-list.js';
import {
  readTransferParams,
  toTransferFilters,
  writeTransferParams,
  type KindFilter,
  type TransferPageParams,
} from '../utils/transfer-filters.js';
import { transfersCsv } from '../utils/transfers-csv.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';

export const transfersLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    // Warm the cache; failures are shown by the page rather than the route's error boundary.
    if (session) {
      const apiKey = session.account.api_key;
      const params = readTransferParams(new URL(request.url).searchParams);
      const filters = toTransferFilters(params);
      const kinds = (['credit', 'balance'] as const).filter((kind) => params.kind === 'all' || params.kind === kind);
      await Promise.all([
        queryClient.prefetchQuery(subaccountFamilyQueryOptions(apiKey)),
        ...(filters ? kinds.map((kind) => queryClient.prefetchQuery(transfersQueryOptions(apiKey, kind, filters))) : []),
      ]);
    }
    return null;
  };

const kindOptions: ReadonlyArray<{ value: KindFilter; label: string }> = [
  { value: 'all', label: 'Credit and balance' },
  { value: 'credit', label: 'Credit transfers' },
  { value: 'balance', label: 'Balance transfers' },
];

export function TransfersPage() {
  const apiKey = useApiKey();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readTransferParams(searchParams), [searchParams]);
  const filters = useMemo(() => toTransferFilters(params), [params]);
  const family = useSubaccountFamily(apiKey);
  const list = useTransferList(apiKey, params.kind, filters);

  const names = useMemo(() => {
    const map = new Map<string, string>([[apiKey, 'Your account']]);
    for (const sub of family.data?._embedded.subaccounts ?? []) map.set(sub.api_key, sub.name);
    return map;
  }, [apiKey, family.data]);
  const nameOf = (key: string) => names.get(key) ?? key;

  const subaccountOptions = useMemo(
    () => [
      { value: '', label: 'All subaccounts' },
      ...(family.data?._embedded.subaccounts ?? []).map((sub) => ({ value: sub.api_key, label: `${sub.name} (${sub.api_key})` })),
      // A key from the URL that the list does not have (yet): keep it selectable rather than silently dropping it.
      ...(params.subaccount && family.data && !names.has(params.subaccount)
        ? [{ value: params.subaccount, label: params.subaccount }]
        : []),
    ],
    [family.data, names, params.subaccount],
  );

  const update = (patch: Partial<TransferPageParams>) =>
    setSearchParams(writeTransferParams({ ...params, ...patch }), { replace: true });

  function exportCsv() {
    const parts = ['transfers', params.kind === 'all' ? null : params.kind, params.subaccount || null, params.from, 'to', params.to];
    downloadCsv(`${parts.filter(Boolean).join('-')}.csv`, transfersCsv(list.transfers, nameOf));
  }

  return (
    <div className="mx-auto max-w-6xl">
      <title>Transfers · Subaccounts · Switchboard</title>
      <p className="text-sm">
        <TextLink to={paths.subaccounts.getHref()}>
          <span aria-hidden="true">← </span>Subaccounts
        </TextLink>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Transfers</h1>
          <p className="mt-1 text-sm text-slate-600">
            Credit and balance moved between your account and your subaccounts.
          </p>
        </div>
        <Button variant="secondary" disabled={list.isPending || list.transfers.length === 0} onClick={exportCsv}>
          Export CSV
        </Button>
      </div>

      <form
        role="search"
        aria-label="Transfers"
        onSubmit={(event) => event.preventDefault()}
        className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <Select
          label="Kind"
          options={kindOptions}
          value={params.kind}
          onChange={(event) => update({ kind: event.target.value as KindFilter })}
        />
        <TextField
          label="From"
          type="date"
          value={params.from}
          max={params.to}
          required
          onChange={(event) => event.target.value && update({ from: event.target.value })}
        />
        <TextField
          label="To"
          type="date"
          value={params.to}
          min={params.from}
          required
          error={filters ? undefined : 'The end date is before the start date'}
          onChange={(event) => event.target.value && update({ to: event.target.value })}
        />
        <Select
          label="Subaccount"
          options={subaccountOptions}
          value={params.subaccount}
          onChange={(event) => update({ subaccount: event.target.value })}
        />
      </form>

      <Card className="mt-6">
        {!filters ? (
          <p className="text-sm text-slate-600">Choose a date range to see its transfers.</p>
        ) : list.isPending ? (
          <LoadingLine label="Loading transfers…" />
        ) : list.error ? (
          <LoadError message={list.error.message} onRetry={() => list.refetch()} />
        ) : list.transfers.length === 0 ? (
          <p className="text-sm text-slate-600">No transfers match these filters.</p>
        ) : (
          <>
            <p role="status" className="mb-3 text-sm text-slate-600">
              {list.transfers.length} {list.transfers.length === 1 ? 'transfer' : 'transfers'}, newest first.
            </p>
            <TransfersTable caption="Transfers" transfers={list.transfers} nameOf={nameOf} />
          </>
        )}
      </Card>
    </div>
  );
}
