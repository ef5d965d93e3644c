import type { QueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { downloadCsv } from '../../../lib/csv.js';
import { paths } from '../../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { getAllTransfers, transferHistoryQueryOptions, useTransferHistory } from '../api/get-transfer-history.js';
import { SubaccountFilter } from '../components/subaccount-filter.js';
import { TransfersTable } from '../components/transfers-table.js';
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
    // Start the request without waiting: the layout shows at once and the table loads in place;
    // failures are shown by the page rather than the route's error boundary.
    const filters = toTransferFilters(readTransferParams(new URL(request.url).searchParams));
    if (session && filters) void queryClient.prefetchInfiniteQuery(transferHistoryQueryOptions(session.account.api_key, filters));
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
  const list = useTransferHistory(apiKey, filters);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const update = (patch: Partial<TransferPageParams>) =>
    setSearchParams(writeTransferParams({ ...params, ...patch }), { replace: true });

  async function exportCsv() {
    if (!filters) return;
    setExporting(true);
    setExportError(null);
    try {
      const parts = ['transfers', params.kind === 'all' ? null : params.kind, params.subaccount || null, params.from, 'to', params.to];
      downloadCsv(`${parts.filter(Boolean).join('-')}.csv`, transfersCsv(await getAllTransfers(filters), apiKey));
    } catch (error) {
      setExportError(error instanceof Error ? error.message : 'The export failed. Please try again.');
    } finally {
      setExporting(false);
    }
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
        <Button variant="secondary" disabled={list.isPending || list.total === 0} isLoading={exporting} onClick={exportCsv}>
          Export CSV
        </Button>
      </div>

      <form
        role="search"
        aria-label="Transfers"
        onSubmit={(event) => event.preventDefault()}
        className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4"
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
        <SubaccountFilter apiKey={apiKey} value={params.subaccount} onChange={(subaccount) => update({ subaccount })} />
      </form>

      {exportError && (
        <Alert variant="error" className="mt-4">
          {exportError}
        </Alert>
      )}
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
              {list.total} {list.total === 1 ? 'transfer' : 'transfers'}, newest first
              {list.transfers.length < list.total ? ` (showing ${list.transfers.length})` : ''}.
            </p>
            <TransfersTable caption="Transfers" transfers={list.transfers} primaryKey={apiKey} />
            {list.hasNextPage && (
              <Button variant="secondary" className="mt-4" isLoading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                Show more
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
