import type { TransferFilters } from '../api/get-transfer-history.js';
import type { TransferKind } from './amounts.js';

export type KindFilter = 'all' | TransferKind;

/** The transfers page's filters, as kept in its URL: dates are the user's calendar days (YYYY-MM-DD). */
export interface TransferPageParams {
  kind: KindFilter;
  from: string;
  to: string;
  subaccount: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A local calendar day as YYYY-MM-DD (what <input type="date"> shows). */
export function toDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The default range: the last 30 days, today included. */
export function lastThirtyDays(today = new Date()): { from: string; to: string } {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 30);
  return { from: toDay(start), to: toDay(today) };
}

export function readTransferParams(search: URLSearchParams, today = new Date()): TransferPageParams {
  const range = lastThirtyDays(today);
  const kind = search.get('kind');
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  return {
    kind: kind === 'credit' || kind === 'balance' ? kind : 'all',
    from: DAY.test(from) ? from : range.from,
    to: DAY.test(to) ? to : range.to,
    subaccount: /^[\w-]{1,64}$/.test(search.get('subaccount') ?? '') ? (search.get('subaccount') as string) : '',
  };
}

export function writeTransferParams(params: TransferPageParams, today = new Date()): URLSearchParams {
  const range = lastThirtyDays(today);
  const search = new URLSearchParams();
  if (params.kind !== 'all') search.set('kind', params.kind);
  if (params.from !== range.from) search.set('from', params.from);
  if (params.to !== range.to) search.set('to', params.to);
  if (params.subaccount) search.set('subaccount', params.subaccount);
  return search;
}

/** From the start of the first day to the end of the last, in the user's time zone, as the API's ISO dates. */
export function toTransferFilters(params: TransferPageParams): TransferFilters | null {
  const start = new Date(`${params.from}T00:00:00`);
  const end = new Date(`${params.to}T23:59:59.999`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start > end) return null;
  return {
    start_date: start.toISOString(),
    end_date: end.toISOString(),
    ...(params.kind !== 'all' ? { kind: params.kind } : {}),
    ...(params.subaccount ? { subaccount: params.subaccount } : {}),
  };
}
