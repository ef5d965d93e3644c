import { subaccountSortSchema } from '../../../../contract/subaccounts.js';
import type { z } from 'zod';

export type SubaccountSort = z.infer<typeof subaccountSortSchema>;
export type SortOrder = 'asc' | 'desc';

/** The list's search, filters and sort, as kept in the page's URL (so a reload or a shared link keeps them). */
export interface SubaccountListParams {
  search: string;
  status: '' | 'active' | 'suspended';
  balance_mode: '' | 'shared' | 'own';
  sort: SubaccountSort;
  order: SortOrder;
}

export const defaultListParams: SubaccountListParams = { search: '', status: '', balance_mode: '', sort: 'created_at', order: 'desc' };

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

export function readListParams(search: URLSearchParams): SubaccountListParams {
  const sort = subaccountSortSchema.safeParse(search.get('sort'));
  return {
    search: (search.get('search') ?? '').trim().slice(0, 100),
    status: oneOf(search.get('status'), ['active', 'suspended'], ''),
    balance_mode: oneOf(search.get('balance_mode'), ['shared', 'own'], ''),
    sort: sort.success ? sort.data : defaultListParams.sort,
    order: oneOf(search.get('order'), ['asc', 'desc'], sort.success ? 'asc' : defaultListParams.order),
  };
}

/** The URL's search string for these params; defaults are left out. */
export function writeListParams(params: SubaccountListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.search) search.set('search', params.search);
  if (params.status) search.set('status', params.status);
  if (params.balance_mode) search.set('balance_mode', params.balance_mode);
  if (params.sort !== defaultListParams.sort || params.order !== defaultListParams.order) {
    search.set('sort', params.sort);
    search.set('order', params.order);
  }
  return search;
}

/** Clicking a column header: the same column flips its order; another starts ascending (dates: newest first). */
export function nextSort(current: SubaccountListParams, column: SubaccountSort): Pick<SubaccountListParams, 'sort' | 'order'> {
  if (current.sort === column) return { sort: column, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: column, order: column === 'created_at' ? 'desc' : 'asc' };
}
