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
  const byKind = await db
    .selectFrom('ledger_entries')
    .select(['kind', sql<number>`sum(amount_micros)`.as('total')])
    .groupBy('kind')
    .execute();
  const total = (kinds: readonly string[]) => byKind.filter((row) => kinds.includes(row.kind)).reduce((sum, row) => sum + Number(row.total), 0);
  const moneyInMicros = total(kindsOfFlow('in'));
  const moneySpentMicros = -total(kindsOfFlow('spent'));
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
