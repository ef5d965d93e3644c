import { sql } from 'kysely';
import { microsToEuros } from '../../../contract/money.js';
import type { Statement, StatementLine } from '../../../contract/statements.js';
import type { Db } from '../../db/database.js';
import { ledgerKindFlows } from '../../platform/ledger/ledger.js';
import { smsCountry, usedBy } from './attribution.js';
import { isLedgerKind, ledgerKindLabel } from './labels.js';

type Section = StatementLine['section'];

/** A statement as computed and stored: amounts in micro-euros (the wire has euros). */
export interface StatementData {
  month: string;
  from: string;
  to: string;
  primary_api_key: string;
  company_name: string;
  api_key: string | null;
  generated_at: string;
  accounts: { api_key: string; name: string; own_balance: boolean; opening_micros: number | null; closing_micros: number | null }[];
  lines: { api_key: string; used_by: string; kind: string; country: string | null; count: number; amount_micros: number }[];
}

/** What a statement covers: a whole family, or one account of it; `visibleAccounts` limits either to a scoped member's subaccounts. */
export interface StatementSubject {
  primaryApiKey: string;
  month: string;
  apiKey?: string;
  visibleAccounts?: readonly string[] | null;
}

export const monthStart = (month: string) => new Date(`${month}-01T00:00:00.000Z`);
export const monthAfter = (month: string) => {
  const start = monthStart(month);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
};
export const monthOfDate = (date: Date) => date.toISOString().slice(0, 7);

const sectionOfKind = (kind: string): Section => {
  const flow = isLedgerKind(kind) ? ledgerKindFlows[kind] : 'in';
  return flow === 'in' ? 'money_in' : flow === 'spent' ? 'usage' : 'transfers';
};

/**
 * A month's statement, from the ledger: each balance's opening (its entries before the month) and
 * closing (plus the month's), and the month's entries added up per balance, per account that caused
 * them, kind, SMS destination country and direction. A subaccount sharing its primary's balance has no
 * balance of its own: its usage appears under the primary's, and alone in its own statement.
 */
export async function computeStatement(db: Db, subject: StatementSubject, now: Date): Promise<StatementData> {
  const from = monthStart(subject.month).toISOString();
  const to = monthAfter(subject.month).toISOString();
  const only = subject.apiKey ? [subject.apiKey] : null;
  const visible = subject.visibleAccounts ?? null;
  const keep = (keys: readonly string[] | null) => (keys ? (keys.length > 0 ? [...keys] : ['']) : null);
  const selection = [keep(only), keep(visible)].filter((keys): keys is string[] => keys !== null);

  let entries = db
    .selectFrom('ledger_entries as l')
    .select([
      'l.api_key',
      'l.kind',
      'l.amount_micros',
      usedBy.as('used_by'),
      smsCountry.as('country'),
      sql<number>`case when l.amount_micros < 0 then -1 else 1 end`.as('direction'),
    ])
    .where('l.primary_api_key', '=', subject.primaryApiKey)
    .where('l.created_at', '>=', from)
    .where('l.created_at', '<', to);
  for (const keys of selection) entries = entries.where(sql<boolean>`(l.api_key in (${sql.join(keys)}) or ${usedBy} in (${sql.join(keys)}))`);
  const grouped = await db
    .selectFrom(entries.as('e'))
    .select(['e.api_key', 'e.used_by', 'e.kind', 'e.country', sql<number>`count(*)`.as('count'), sql<number>`sum(e.amount_micros)`.as('amount')])
    .groupBy(['e.api_key', 'e.used_by', 'e.kind', 'e.country', 'e.direction'])
    .orderBy('e.api_key')
    .orderBy('e.used_by')
    .orderBy('e.kind')
    .orderBy('e.country')
    .orderBy('amount', 'desc')
    .execute();
  const lines = grouped.map((row) => ({ api_key: row.api_key, used_by: row.used_by, kind: row.kind, country: row.country, count: Number(row.count), amount_micros: Number(row.amount) }));

  let opening = db
    .selectFrom('ledger_entries')
    .select(['api_key', sql<number>`sum(amount_micros)`.as('total')])
    .where('primary_api_key', '=', subject.primaryApiKey)
    .where('created_at', '<', from)
    .groupBy('api_key');
  for (const keys of selection) opening = opening.where('api_key', 'in', keys);
  const openings = new Map((await opening.execute()).map((row) => [row.api_key, Number(row.total)]));

  const family = await db
    .selectFrom('accounts')
    .select(['api_key', 'name', 'company_name', 'use_primary_account_balance', 'created_at'])
    .where('primary_api_key', '=', subject.primaryApiKey)
    .orderBy(sql`case when api_key = ${subject.primaryApiKey} then 0 else 1 end`)
    .orderBy('created_at')
    .orderBy('api_key')
    .execute();
  const primary = family.find((account) => account.api_key === subject.primaryApiKey);
  const involved = new Set([...openings.keys(), ...lines.flatMap((line) => [line.api_key, line.used_by]), ...(only ?? [])]);
  const inSelection = (key: string) => selection.every((keys) => keys.includes(key));
  const accounts = family
    .filter((account) => involved.has(account.api_key) && inSelection(account.api_key))
    .map((account) => {
      const ownBalance = account.api_key === subject.primaryApiKey || account.use_primary_account_balance === 0;
      const openingMicros = openings.get(account.api_key) ?? 0;
      const month = lines.filter((line) => line.api_key === account.api_key).reduce((sum, line) => sum + line.amount_micros, 0);
      return {
        api_key: account.api_key,
        name: account.name,
        own_balance: ownBalance,
        opening_micros: ownBalance ? openingMicros : null,
        closing_micros: ownBalance ? openingMicros + month : null,
      };
    });
  return {
    month: subject.month,
    from,
    to,
    primary_api_key: subject.primaryApiKey,
    company_name: primary?.company_name ?? '',
    api_key: subject.apiKey ?? null,
    generated_at: now.toISOString(),
    accounts,
    lines,
  };
}

export interface StatementTotals {
  opening_micros: number | null;
  money_in_micros: number;
  usage_micros: number;
  transfers_micros: number;
  closing_micros: number | null;
}

/** The statement's totals: the balances' opening and closing, and the month's lines by section. */
export function statementTotals(statement: StatementData): StatementTotals {
  const balances = statement.accounts.filter((account) => account.own_balance);
  const sumOf = (section: Section) => statement.lines.filter((line) => sectionOfKind(line.kind) === section).reduce((sum, line) => sum + line.amount_micros, 0);
  return {
    opening_micros: balances.length ? balances.reduce((sum, account) => sum + (account.opening_micros ?? 0), 0) : null,
    money_in_micros: sumOf('money_in'),
    usage_micros: sumOf('usage'),
    transfers_micros: sumOf('transfers'),
    closing_micros: balances.length ? balances.reduce((sum, account) => sum + (account.closing_micros ?? 0), 0) : null,
  };
}

export const lineSection = (line: StatementData['lines'][number]): Section => sectionOfKind(line.kind);

/** How a line reads: "Usage: SMS to GB", "Number rental", "Balance transfer in". */
export function lineLabel(line: Pick<StatementData['lines'][number], 'kind' | 'country' | 'amount_micros'>): string {
  const label = ledgerKindLabel(line.kind);
  if (line.country) return `SMS to ${line.country}`;
  if (sectionOfKind(line.kind) === 'transfers') return `${label} ${line.amount_micros < 0 ? 'out' : 'in'}`;
  return label;
}

const euros = (micros: number | null) => (micros === null ? null : microsToEuros(micros));

/** The statement on the wire, in euros. */
export function statementView(statement: StatementData): Statement {
  const totals = statementTotals(statement);
  return {
    month: statement.month,
    from: statement.from,
    to: statement.to,
    primary_api_key: statement.primary_api_key,
    company_name: statement.company_name,
    api_key: statement.api_key,
    generated_at: statement.generated_at,
    accounts: statement.accounts.map((account) => ({
      api_key: account.api_key,
      name: account.name,
      own_balance: account.own_balance,
      opening_balance: euros(account.opening_micros),
      closing_balance: euros(account.closing_micros),
    })),
    lines: statement.lines.map((line) => ({
      api_key: line.api_key,
      used_by: line.used_by,
      kind: line.kind,
      label: lineLabel(line),
      section: lineSection(line),
      country: line.country,
      count: line.count,
      amount: microsToEuros(line.amount_micros),
    })),
    totals: {
      opening_balance: euros(totals.opening_micros),
      money_in: microsToEuros(totals.money_in_micros),
      usage: microsToEuros(totals.usage_micros),
      transfers: microsToEuros(totals.transfers_micros),
      closing_balance: euros(totals.closing_micros),
    },
  };
}
