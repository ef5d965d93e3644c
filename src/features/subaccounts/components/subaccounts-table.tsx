import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { SubaccountPage } from '../../../../contract/subaccounts.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { cn } from '../../../lib/cn.js';
import { formatDate } from '../../../lib/format-date.js';
import { Money } from '../../../components/ui/money.js';
import { paths } from '../../../lib/paths.js';
import { SUBACCOUNT_PAGE_SIZE, useSubaccountPages } from '../api/get-subaccount-page.js';
import type { SubaccountListParams, SubaccountSort } from '../utils/list-params.js';

type Row = SubaccountPage['items'][number];

const ROW_HEIGHT = 45;
/** Start loading the next (or previous) page this many rows before the loaded ones run out. */
const PREFETCH_ROWS = 40;
/** Rows on screen further than this from the loaded ones: a jump, which starts a new window there. */
const JUMP_ROWS = SUBACCOUNT_PAGE_SIZE;

const columns: ReadonlyArray<{ label: string; sort?: SubaccountSort; width: string; numeric?: boolean }> = [
  { label: 'Name', sort: 'name', width: 'w-[19%]' },
  { label: 'API key', sort: 'api_key', width: 'w-[10%]' },
  { label: 'Balance mode', width: 'w-[9%]' },
  { label: 'Balance', sort: 'balance', width: 'w-[13%]', numeric: true },
  { label: 'Credit limit', sort: 'credit_limit', width: 'w-[13%]', numeric: true },
  { label: 'Available to spend', sort: 'available', width: 'w-[13%]', numeric: true },
  { label: 'Status', width: 'w-[10%]' },
  { label: 'Created', sort: 'created_at', width: 'w-[13%]' },
];

/**
 * The subaccounts as one accessible table (aria-rowcount/aria-rowindex over all of them) whose rows
 * are virtualised: only those on screen are in the DOM, and pages of 200 load as you scroll. Rows
 * are keyed by API key, so the 5-second refresh updates them in place.
 */
export function SubaccountsTable({
  apiKey,
  params,
  onSort,
}: {
  apiKey: string;
  params: SubaccountListParams;
  onSort: (column: SubaccountSort) => void;
}) {
  const paramsKey = JSON.stringify(params);
  const [loadedWindow, setLoadedWindow] = useState({ paramsKey, start: 0 });
  const windowStart = loadedWindow.paramsKey === paramsKey ? loadedWindow.start : 0;
  const query = useSubaccountPages(apiKey, params, windowStart);
  const { data, isPlaceholderData } = query;
  // State rather than a ref: the rows' virtualizer needs to re-render once the element exists.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);

  const firstOffset = (data?.pageParams[0] as number | undefined) ?? 0;
  const rows = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const lastPage = data?.pages.at(-1);
  const total = lastPage?.total ?? 0;
  const totals = lastPage?.totals;
  const filtered = Boolean(params.search || params.status || params.balance_mode);
  // Header, one row per subaccount (or the one saying there are none), totals.
  const rowCount = Math.max(total, 1) + 2;

  // A new search, filter or sort starts at the top.
  useEffect(() => {
    scrollElement?.scrollTo({ top: 0 });
  }, [paramsKey, scrollElement]);

  const onJump = useCallback((start: number) => setLoadedWindow({ paramsKey, start }), [paramsKey]);

  return (
    <div className="space-y-3">
      {query.isError && (
        <div className="flex flex-wrap items-center gap-3">
          <Alert variant="error" className="flex-1">
            {data ? 'The list could not be refreshed: ' : ''}
            {query.error.message}
          </Alert>
          <Button variant="secondary" size="sm" onClick={() => query.refetch()}>
            Try again
          </Button>
        </div>
      )}
      <div
        ref={setScrollElement}
        tabIndex={0}
        role="region"
        aria-label="Subaccounts table, scrollable"
        className={cn(
          'max-h-[max(20rem,calc(100vh-23rem))] min-h-60 overflow-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200 [contain:content] focus-visible:outline-2 focus-visible:outline-indigo-600',
          isPlaceholderData && 'opacity-70 transition-opacity',
        )}
      >
        <table
          aria-rowcount={rowCount}
          aria-busy={query.isPending || query.isFetchingNextPage || query.isFetchingPreviousPage || isPlaceholderData || undefined}
          className="w-full min-w-[960px] table-fixed text-left text-sm"
        >
          <caption className="sr-only">Subaccounts</caption>
          <thead className="sticky top-0 z-10 bg-slate-50 shadow-[inset_0_-1px_0] shadow-slate-200">
            <tr aria-rowindex={1}>
              {columns.map((column) => (
                <HeaderCell key={column.label} column={column} params={params} onSort={onSort} />
              ))}
            </tr>
          </thead>
          {query.isPending ? (
            <MessageBody>
              <span role="status" className="inline-flex items-center gap-2">
                <Spinner className="size-4" /> Loading subaccounts…
              </span>
            </MessageBody>
          ) : total === 0 ? (
            !query.isError && (
              <MessageBody>
                {filtered ? 'No subaccounts match your search and filters.' : 'No subaccounts yet. Create one for each of your customers.'}
              </MessageBody>
            )
          ) : (
            <VirtualRows
              scrollElement={scrollElement}
              rows={rows}
              firstOffset={firstOffset}
              total={total}
              isPlaceholderData={isPlaceholderData}
              hasNextPage={query.hasNextPage}
              hasPreviousPage={query.hasPreviousPage}
              isFetchingNextPage={query.isFetchingNextPage}
              isFetchingPreviousPage={query.isFetchingPreviousPage}
              fetchNextPage={query.fetchNextPage}
              fetchPreviousPage={query.fetchPreviousPage}
              onJump={onJump}
            />
          )}
          {totals && (
            <tfoot className="sticky bottom-0 z-10 bg-slate-50 font-semibold shadow-[inset_0_1px_0] shadow-slate-200">
              <tr aria-rowindex={rowCount} className="h-11">
                <th scope="row" colSpan={3} className="px-4 py-2 text-slate-900">
                  Total: your account and {totals.subaccounts} {totals.subaccounts === 1 ? 'subaccount' : 'subaccounts'}
                </th>
                <td className="px-4 py-2 text-right whitespace-nowrap text-slate-900 tabular-nums"><Money amount={totals.total_balance} /></td>
                <td className="px-4 py-2 text-right whitespace-nowrap text-slate-900 tabular-nums"><Money amount={totals.total_credit_limit} /></td>
                <td colSpan={3} className="px-4 py-2 text-xs font-normal text-slate-500">
                  {filtered ? `${total} of ${totals.subaccounts} shown` : 'Shared-balance subaccounts are counted in your account'}
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}

/**
 * The rows on screen (and a few either side), between spacers as tall as the rows left out. Its own
 * component, so that scrolling re-renders only the body, not the query or the header.
 */
function VirtualRows({
  scrollElement,
  rows,
  firstOffset,
  total,
  isPlaceholderData,
  hasNextPage,
  hasPreviousPage,
  isFetchingNextPage,
  isFetchingPreviousPage,
  fetchNextPage,
  fetchPreviousPage,
  onJump,
}: {
  scrollElement: HTMLDivElement | null;
  rows: readonly Row[];
  /** The list index of rows[0]. */
  firstOffset: number;
  total: number;
  isPlaceholderData: boolean;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  isFetchingNextPage: boolean;
  isFetchingPreviousPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  fetchPreviousPage: () => Promise<unknown>;
  onJump: (start: number) => void;
}) {
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index;
  const lastIndex = items.at(-1)?.index;

  // Load the page the visible rows are about to need, in whichever direction the user scrolls; after
  // a jump (the scrollbar dragged far away), start a new window where the user stopped.
  useEffect(() => {
    if (firstIndex === undefined || lastIndex === undefined || isPlaceholderData || rows.length === 0) return;
    const loadedEnd = firstOffset + rows.length;
    if (firstIndex > loadedEnd + JUMP_ROWS || lastIndex < firstOffset - JUMP_ROWS) {
      const timer = setTimeout(() => onJump(Math.floor(firstIndex / SUBACCOUNT_PAGE_SIZE) * SUBACCOUNT_PAGE_SIZE), 150);
      return () => clearTimeout(timer);
    }
    if (lastIndex >= loadedEnd - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    } else if (firstIndex < firstOffset + PREFETCH_ROWS && hasPreviousPage && !isFetchingPreviousPage) {
      void fetchPreviousPage();
    }
  }, [
    firstIndex,
    lastIndex,
    firstOffset,
    rows.length,
    hasNextPage,
    hasPreviousPage,
    isFetchingNextPage,
    isFetchingPreviousPage,
    isPlaceholderData,
    fetchNextPage,
    fetchPreviousPage,
    onJump,
  ]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <tbody>
      {paddingTop > 0 && <Spacer height={paddingTop} />}
      {items.map((item) => {
        const row = rows[item.index - firstOffset];
        return row ? (
          <SubaccountRow key={row.api_key} row={row} rowIndex={item.index + 2} />
        ) : (
          <LoadingRow key={`loading-${item.index}`} rowIndex={item.index + 2} />
        );
      })}
      {paddingBottom > 0 && <Spacer height={paddingBottom} />}
    </tbody>
  );
}

function HeaderCell({
  column,
  params,
  onSort,
}: {
  column: (typeof columns)[number];
  params: SubaccountListParams;
  onSort: (column: SubaccountSort) => void;
}) {
  const active = column.sort !== undefined && params.sort === column.sort;
  const align = column.numeric ? 'text-right' : 'text-left';
  const headerClass = cn(column.width, align, 'px-4 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase');
  if (!column.sort) {
    return (
      <th scope="col" className={headerClass}>
        {column.label}
      </th>
    );
  }
  const sort = column.sort;
  return (
    <th
      scope="col"
      aria-sort={active ? (params.order === 'asc' ? 'ascending' : 'descending') : undefined}
      className={headerClass}
    >
      <button
        type="button"
        onClick={() => onSort(sort)}
        className={cn(
          'inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600',
          column.numeric && 'flex-row-reverse',
          active && 'text-slate-900',
        )}
      >
        {column.label}
        <span aria-hidden="true" className={cn('text-[10px]', !active && 'opacity-30')}>
          {active && params.order === 'desc' ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}

const SubaccountRow = memo(function SubaccountRow({ row, rowIndex }: { row: Row; rowIndex: number }) {
  const shared = row.use_primary_account_balance;
  return (
    <tr aria-rowindex={rowIndex} className="h-[45px] border-t border-slate-100 hover:bg-slate-50">
      <td className="truncate px-4 py-2">
        <Link
          to={paths.subaccount.getHref(row.api_key)}
          className="font-medium text-indigo-700 hover:text-indigo-500 hover:underline"
          title={row.name}
        >
          {row.name}
        </Link>
      </td>
      <td className="px-4 py-2 font-mono text-xs text-slate-700">{row.api_key}</td>
      <td className="px-4 py-2">{shared ? 'Shared' : 'Own'}</td>
      <td className="truncate px-4 py-2 text-right tabular-nums">{row.balance === null ? <SharedValue /> : <Money amount={row.balance} />}</td>
      <td className="truncate px-4 py-2 text-right tabular-nums">
        {row.credit_limit === null ? <SharedValue /> : <Money amount={row.credit_limit} />}
      </td>
      <td className="truncate px-4 py-2 text-right tabular-nums"><Money amount={row.available} /></td>
      <td className="px-4 py-2">
        {row.suspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}
      </td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600 tabular-nums">
        <time dateTime={row.created_at}>{formatDate(row.created_at)}</time>
      </td>
    </tr>
  );
});

function SharedValue() {
  return (
    <span className="text-slate-400" title="Uses your balance">
      <span aria-hidden="true">—</span>
      <span className="sr-only">uses your balance</span>
    </span>
  );
}

function LoadingRow({ rowIndex }: { rowIndex: number }) {
  return (
    <tr aria-rowindex={rowIndex} aria-busy="true" className="h-[45px] border-t border-slate-100">
      <td colSpan={columns.length} className="px-4 py-2 text-slate-400">
        <span className="inline-block h-3 w-48 animate-pulse rounded bg-slate-100" aria-hidden="true" />
        <span className="sr-only">Loading…</span>
      </td>
    </tr>
  );
}

function MessageBody({ children }: { children: ReactNode }) {
  return (
    <tbody>
      <tr aria-rowindex={2}>
        <td colSpan={columns.length} className="px-4 py-10 text-center text-sm text-slate-600">
          {children}
        </td>
      </tr>
    </tbody>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={columns.length} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
