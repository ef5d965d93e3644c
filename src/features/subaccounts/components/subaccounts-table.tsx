import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { Link } from 'react-router-dom';
import type { SubaccountPage } from '../../../../contract/subaccounts.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { HorizontalScroll } from '../../../components/ui/scroll-area.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { cn } from '../../../lib/cn.js';
import { formatDate } from '../../../lib/format-date.js';
import { Money } from '../../../components/ui/money.js';
import { paths } from '../../../lib/paths.js';
import { SUBACCOUNT_PAGE_SIZE, useSubaccountPages } from '../api/get-subaccount-page.js';
import type { SubaccountListParams, SubaccountSort } from '../utils/list-params.js';

type Row = SubaccountPage['items'][number];

const ROW_HEIGHT = 45;
/** A row on a phone is a card (measured once rendered; this is the first guess). */
const PHONE_CARD_HEIGHT = 190;
const PHONE_QUERY = '(width < 40rem)';
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
 * are virtualised with the window as scroller: the page scrolls, only the rows on screen are in the
 * DOM, and pages of 200 load as you scroll. Rows are keyed by API key, so the 5-second refresh
 * updates them in place. Narrower than its columns, the table scrolls sideways inside its box; on a
 * phone each row is a card (balance and status first) and the sortable headers are buttons above them.
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
  const tableRef = useRef<HTMLTableElement>(null);

  const firstOffset = (data?.pageParams[0] as number | undefined) ?? 0;
  const rows = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const lastPage = data?.pages.at(-1);
  const total = lastPage?.total ?? 0;
  const totals = lastPage?.totals;
  const filtered = Boolean(params.search || params.status || params.balance_mode);
  // Header, one row per subaccount (or the one saying there are none), totals.
  const rowCount = Math.max(total, 1) + 2;

  // A new search, filter or sort starts at the top of the list (if the page was scrolled past it).
  useEffect(() => {
    const table = tableRef.current;
    if (!table) return;
    const top = table.getBoundingClientRect().top + window.scrollY;
    if (window.scrollY > top) window.scrollTo({ top });
  }, [paramsKey]);

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
      {/* Only a table wider than its box scrolls inside it: elsewhere the header stays in view while the page scrolls. */}
      <HorizontalScroll
        label="Subaccounts"
        className={cn(
          'rounded-lg bg-white shadow-sm ring-1 ring-slate-200 max-sm:overflow-x-visible xl:overflow-x-visible',
          isPlaceholderData && 'opacity-70 transition-opacity',
        )}
      >
        <table
          ref={tableRef}
          aria-rowcount={rowCount}
          aria-busy={query.isPending || query.isFetchingNextPage || query.isFetchingPreviousPage || isPlaceholderData || undefined}
          className="stack-on-phone w-full table-fixed text-left text-sm sm:min-w-[960px]"
        >
          <caption className="sr-only">Subaccounts</caption>
          <thead data-phone-visible className="sticky top-0 z-10 rounded-t-lg bg-slate-50 shadow-[inset_0_-1px_0] shadow-slate-200 max-sm:block">
            <tr aria-rowindex={1} className="max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-4 max-sm:gap-y-1 max-sm:px-4 max-sm:py-2">
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
            <tfoot className="bottom-0 z-10 rounded-b-lg bg-slate-50 font-semibold shadow-[inset_0_1px_0] shadow-slate-200 sm:sticky">
              <tr aria-rowindex={rowCount} className="h-11">
                <th scope="row" colSpan={3} className="px-4 py-2 text-slate-900 max-sm:col-span-2">
                  Total: your account and {totals.subaccounts} {totals.subaccounts === 1 ? 'subaccount' : 'subaccounts'}
                </th>
                <td data-label="Balance" className="px-4 py-2 text-right whitespace-nowrap text-slate-900 tabular-nums">
                  <Money amount={totals.total_balance} />
                </td>
                <td data-label="Credit limit" className="px-4 py-2 text-right whitespace-nowrap text-slate-900 tabular-nums">
                  <Money amount={totals.total_credit_limit} />
                </td>
                <td colSpan={3} className="px-4 py-2 text-xs font-normal text-slate-500 max-sm:col-span-2">
                  {filtered ? `${total} of ${totals.subaccounts} shown` : 'Shared-balance subaccounts are counted in your account'}
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      </HorizontalScroll>
    </div>
  );
}

/**
 * The rows on screen (and a few either side), between spacers as tall as the rows left out. Its own
 * component, so that scrolling re-renders only the body, not the query or the header.
 */
function VirtualRows({
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
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const listTop = useListTop(bodyRef);
  const virtualizer = useWindowVirtualizer({
    count: total,
    estimateSize: () => (window.matchMedia(PHONE_QUERY).matches ? PHONE_CARD_HEIGHT : ROW_HEIGHT),
    overscan: 10,
    scrollMargin: listTop,
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

  const paddingTop = items.length > 0 ? items[0].start - listTop : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1].end - listTop) : 0;

  return (
    <tbody ref={bodyRef}>
      {paddingTop > 0 && <Spacer height={paddingTop} />}
      {items.map((item) => {
        const row = rows[item.index - firstOffset];
        return row ? (
          <SubaccountRow key={row.api_key} row={row} index={item.index} measure={virtualizer.measureElement} />
        ) : (
          <LoadingRow key={`loading-${item.index}`} index={item.index} measure={virtualizer.measureElement} />
        );
      })}
      {paddingBottom > 0 && <Spacer height={paddingBottom} />}
    </tbody>
  );
}

/** Where the list's first row starts in the page: the virtualizer's scroll margin. */
function useListTop(bodyRef: RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  // What sits above the list (alerts, filters, a wrapped heading) can change its position: measure
  // again whenever the page changes size.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const measure = () => setTop(Math.round(body.getBoundingClientRect().top + window.scrollY));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [bodyRef]);
  return top;
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
  const headerClass = cn(
    column.width,
    align,
    'px-4 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase max-sm:w-auto max-sm:p-0',
    !column.sort && 'max-sm:sr-only',
  );
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

type Measure = (element: Element | null) => void;

/** On a phone, a card: the name, then balance and status, then the rest (see `order` below). */
const SubaccountRow = memo(function SubaccountRow({ row, index, measure }: { row: Row; index: number; measure: Measure }) {
  const shared = row.use_primary_account_balance;
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className="h-[45px] border-t border-slate-100 hover:bg-slate-50 max-sm:h-auto"
    >
      <td className="truncate px-4 py-2 max-sm:order-first max-sm:col-span-2">
        <Link
          to={paths.subaccount.getHref(row.api_key)}
          className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline"
          title={row.name}
        >
          {row.name}
        </Link>
      </td>
      <td data-label="API key" className="px-4 py-2 font-mono text-xs text-slate-700">
        {row.api_key}
      </td>
      <td data-label="Balance mode" className="px-4 py-2">
        {shared ? 'Shared' : 'Own'}
      </td>
      <td data-label="Balance" className="truncate px-4 py-2 text-right tabular-nums max-sm:-order-2 max-sm:font-semibold">
        {row.balance === null ? <SharedValue /> : <Money amount={row.balance} />}
      </td>
      <td data-label="Credit limit" className="truncate px-4 py-2 text-right tabular-nums max-sm:-order-1">
        {row.credit_limit === null ? <SharedValue /> : <Money amount={row.credit_limit} />}
      </td>
      <td data-label="Available to spend" className="truncate px-4 py-2 text-right tabular-nums max-sm:-order-1">
        <Money amount={row.available} />
      </td>
      <td data-label="Status" className="px-4 py-2 max-sm:-order-2">
        {row.suspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}
      </td>
      <td data-label="Created" className="px-4 py-2 whitespace-nowrap text-slate-600 tabular-nums">
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

function LoadingRow({ index, measure }: { index: number; measure: Measure }) {
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2} aria-busy="true" className="h-[45px] border-t border-slate-100">
      <td colSpan={columns.length} className="px-4 py-2 text-slate-400 max-sm:col-span-2">
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
        <td colSpan={columns.length} className="px-4 py-10 text-center text-sm text-slate-600 max-sm:col-span-2">
          {children}
        </td>
      </tr>
    </tbody>
  );
}

const spacerRow: CSSProperties = { padding: 0, border: 0 };

function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" style={spacerRow}>
      <td colSpan={columns.length} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
