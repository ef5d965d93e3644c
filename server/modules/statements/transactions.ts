import { sql } from 'kysely';
import type { z } from 'zod';
import type { exportQuerySchema } from '../../../contract/statements.js';
import type { Db } from '../../db/database.js';
import { smsCountry, usedBy } from './attribution.js';
import { ledgerKindLabel } from './labels.js';

export type ExportFilter = z.output<typeof exportQuerySchema>;

/** Rows read per query: enough to keep round trips rare, few enough to keep memory flat. */
export const EXPORT_PAGE = 1000;

export interface TransactionRow {
  id: string;
  created_at: string;
  api_key: string;
  used_by: string;
  kind: string;
  country: string | null;
  amount_micros: number;
  /** Null when the balance is not the reader's to see (their subaccount spent from the primary's). */
  balance_after_micros: number | null;
  reference: string | null;
}

/**
 * A family's ledger entries in `[from, to)`, oldest first, read a page at a time by the keyset
 * `(created_at, id)` over the family index: memory stays flat however many there are. `api_key`
 * selects one account's entries and the usage it caused on its primary's balance; `visibleAccounts`
 * (a scoped member's subaccounts) limits them the same way.
 */
export async function* transactionRows(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, filter: Omit<ExportFilter, 'format'>): AsyncGenerator<TransactionRow> {
  const visible = visibleAccounts ? new Set(visibleAccounts) : null;
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('ledger_entries as l')
      .select(['l.id', 'l.created_at', 'l.api_key', 'l.kind', 'l.amount_micros', 'l.balance_after_micros', 'l.reference', usedBy.as('used_by'), smsCountry.as('country')])
      .where('l.primary_api_key', '=', primaryApiKey);
    if (filter.from) query = query.where('l.created_at', '>=', new Date(filter.from).toISOString());
    if (filter.to) query = query.where('l.created_at', '<', new Date(filter.to).toISOString());
    if (after) query = query.where(sql<boolean>`(l.created_at, l.id) > (${after.createdAt}, ${after.id})`);
    if (filter.api_key) query = query.where(sql<boolean>`(l.api_key = ${filter.api_key} or ${usedBy} = ${filter.api_key})`);
    if (visibleAccounts) {
      const keys = visibleAccounts.length > 0 ? [...visibleAccounts] : [''];
      query = query.where(sql<boolean>`(l.api_key in (${sql.join(keys)}) or ${usedBy} in (${sql.join(keys)}))`);
    }
    const rows = await query.orderBy('l.created_at').orderBy('l.id').limit(EXPORT_PAGE).execute();
    for (const row of rows) {
      yield {
        ...row,
        amount_micros: Number(row.amount_micros),
        balance_after_micros: !visible || visible.has(row.api_key) ? Number(row.balance_after_micros) : null,
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_PAGE) return;
    after = { createdAt: last.created_at, id: last.id };
  }
}

/** What an entry was, for a person: "SMS to GB", "Number rental 447700900123", "Balance transfer". */
export function describeTransaction(row: Pick<TransactionRow, 'kind' | 'country' | 'reference'>): string {
  const label = ledgerKindLabel(row.kind);
  if (row.country) return `${label}: SMS to ${row.country}`;
  if (row.kind.startsWith('number_') && row.reference?.startsWith('number:')) return `${label} ${row.reference.slice('number:'.length)}`;
  return label;
}
