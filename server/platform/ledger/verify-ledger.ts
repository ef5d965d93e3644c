import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { kindsOfFlow, ledgerKindFlows } from './ledger.js';

export interface LedgerReport {
  ok: boolean;
  accounts: number;
  entries: number;
  moneyInMicros: number;
  moneySpentMicros: number;
  balancesMicros: number;
  mismatches: { api_key: string; balance_micros: number; ledger_micros: number }[];
  /** Kinds found in the ledger that the classification does not know (written by other code). */
  unclassifiedKinds: string[];
}

/** Which entries `ledgerTotals` adds up: one family's, and those written in `[from, to)` (ISO-8601 UTC). */
export interface LedgerSelection {
  primaryApiKey?: string;
  from?: string;
  to?: string;
}

export interface LedgerTotals {
  byKind: { kind: string; total: number }[];
  /** The sum of each account's entries. */
  byAccount: Map<string, number>;
  moneyInMicros: number;
  moneySpentMicros: number;
}

/**
 * The sums verify-ledger checks, over a selection of the ledger: per kind (money in and money spent by
 * the kinds' flows) and per account. Statements are checked against the same sums for their period.
 */
export async function ledgerTotals(db: Db, selection: LedgerSelection = {}): Promise<LedgerTotals> {
  let query = db.selectFrom('ledger_entries').select(['kind', 'api_key', sql<number>`sum(amount_micros)`.as('total')]).groupBy(['kind', 'api_key']);
  if (selection.primaryApiKey) query = query.where('primary_api_key', '=', selection.primaryApiKey);
  if (selection.from) query = query.where('created_at', '>=', selection.from);
  if (selection.to) query = query.where('created_at', '<', selection.to);
  const rows = await query.execute();
  const kinds = new Map<string, number>();
  const byAccount = new Map<string, number>();
  for (const row of rows) {
    kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + Number(row.total));
    byAccount.set(row.api_key, (byAccount.get(row.api_key) ?? 0) + Number(row.total));
  }
  const byKind = [...kinds].map(([kind, total]) => ({ kind, total }));
  const total = (flowKinds: readonly string[]) => byKind.filter((row) => flowKinds.includes(row.kind)).reduce((sum, row) => sum + row.total, 0);
  return { byKind, byAccount, moneyInMicros: total(kindsOfFlow('in')), moneySpentMicros: -total(kindsOfFlow('spent')) };
}

/**
 * Recomputes every balance from the ledger and checks the global invariant:
 * money in − money spent = sum of balances (transfers only move money inside a family).
 */
export async function verifyLedger(db: Db): Promise<LedgerReport> {
  const perAccount = await db
    .selectFrom('accounts')
    .leftJoin('ledger_entries', 'ledger_entries.api_key', 'accounts.api_key')
    .select([
      'accounts.api_key',
      'accounts.balance_micros',
      sql<number>`coalesce(sum(ledger_entries.amount_micros), 0)`.as('ledger_micros'),
      sql<number>`count(ledger_entries.id)`.as('entries'),
    ])
    .groupBy(['accounts.api_key', 'accounts.balance_micros'])
    .execute();
  const { byKind, moneyInMicros, moneySpentMicros } = await ledgerTotals(db);
  const balancesMicros = perAccount.reduce((sum, row) => sum + Number(row.balance_micros), 0);
  const mismatches = perAccount
    .filter((row) => Number(row.ledger_micros) !== Number(row.balance_micros))
    .map((row) => ({ api_key: row.api_key, balance_micros: Number(row.balance_micros), ledger_micros: Number(row.ledger_micros) }));
  const unclassifiedKinds = byKind.map((row) => row.kind).filter((kind) => !Object.hasOwn(ledgerKindFlows, kind));
  return {
    ok: mismatches.length === 0 && unclassifiedKinds.length === 0 && moneyInMicros - moneySpentMicros === balancesMicros,
    accounts: perAccount.length,
    entries: perAccount.reduce((sum, row) => sum + Number(row.entries), 0),
    moneyInMicros,
    moneySpentMicros,
    balancesMicros,
    mismatches,
    unclassifiedKinds,
  };
}
