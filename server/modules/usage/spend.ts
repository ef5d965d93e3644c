import { sql } from 'kysely';
import { SPEND_DAYS, type Spend } from '../../../contract/usage.js';
import { microsToEuros } from '../../../contract/money.js';
import type { Db } from '../../db/database.js';
import { DAY } from '../../platform/clock.js';
import { kindsOfFlow } from '../../platform/ledger/ledger.js';
import { usedBy } from '../statements/attribution.js';

const TOP_ACCOUNTS = 5;
const TOP_COUNTRIES = 5;
/** A message's outcome is known in these states; `accepted` is how messages were stored before receipts. */
const finishedStatuses = ['delivered', 'accepted', 'expired', 'failed', 'rejected'];
const successfulStatuses = ['delivered', 'accepted'];
/** Messages that went out (whatever became of them later): the destinations count these. */
const sentStatuses = ['submitted', 'delivered', 'accepted', 'expired', 'failed'];
// Read as text: the message lifecycle's statuses outgrow the column's older type.
const status = sql<string>`status`;

/**
 * A family's spend of the last 30 UTC days (today included) from its spent ledger entries, each
 * attributed to the account that caused it (a shared-balance subaccount's usage is booked on its
 * primary), by day and product; its top destinations and message success rate. `accounts` limits it
 * to those accounts (a scoped member, or one subaccount's page).
 */
export async function familySpend(db: Db, primaryApiKey: string, accounts: readonly string[] | null, now: Date, names: ReadonlyMap<string, string>): Promise<Spend> {
  const firstDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (SPEND_DAYS - 1) * DAY);
  const since = firstDay.toISOString();
  const spentKinds = kindsOfFlow('spent');

  const entries = db
    .selectFrom('ledger_entries as l')
    .select([sql<string>`substr(l.created_at, 1, 10)`.as('day'), 'l.kind', usedBy.as('account'), 'l.amount_micros'])
    .where('l.primary_api_key', '=', primaryApiKey)
    .where('l.kind', 'in', spentKinds)
    .where('l.created_at', '>=', since);
  let grouped = db
    .selectFrom(entries.as('e'))
    .select(['e.day', 'e.kind', 'e.account', sql<string | number>`sum(e.amount_micros)`.as('micros')])
    .groupBy(['e.day', 'e.kind', 'e.account']);
  if (accounts) grouped = grouped.where('e.account', 'in', accounts.length > 0 ? [...accounts] : ['']);
  const rows = await grouped.execute();

  const totalsByAccount = new Map<string, number>();
  for (const row of rows) totalsByAccount.set(row.account, (totalsByAccount.get(row.account) ?? 0) - Number(row.micros));
  const top = [...totalsByAccount.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_ACCOUNTS).map(([key]) => key);

  const days = Array.from({ length: SPEND_DAYS }, (_, i) => ({
    day: new Date(firstDay.getTime() + i * DAY).toISOString().slice(0, 10),
    sms: 0,
    numbers: 0,
    total: 0,
    by_account: Object.fromEntries([...top, 'other'].map((key) => [key, 0])) as Record<string, number>,
  }));
  const byDay = new Map(days.map((day) => [day.day, day]));
  let totalMicros = 0;
  for (const row of rows) {
    const day = byDay.get(row.day);
    if (!day) continue;
    const micros = -Number(row.micros);
    totalMicros += micros;
    // Summed in micro-euros and converted once, so the figures add up exactly.
    day[row.kind === 'usage' ? 'sms' : 'numbers'] += micros;
    day.total += micros;
    day.by_account[top.includes(row.account) ? row.account : 'other'] += micros;
  }

  let countries = db
    .selectFrom('messages')
    .select(['country', (eb) => eb.fn.countAll<string | number>().as('messages'), sql<string | number>`sum(price_micros)`.as('micros')])
    .where('primary_api_key', '=', primaryApiKey)
    .where('created_at', '>=', since)
    .where('country', 'is not', null)
    .where(status, 'in', sentStatuses)
    .groupBy('country');
  let outcomes = db
    .selectFrom('messages')
    .select([status.as('status'), (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('primary_api_key', '=', primaryApiKey)
    .where('created_at', '>=', since)
    .where(status, 'in', finishedStatuses)
    .groupBy('status');
  if (accounts) {
    const keys = accounts.length > 0 ? [...accounts] : [''];
    countries = countries.where('api_key', 'in', keys);
    outcomes = outcomes.where('api_key', 'in', keys);
  }
  const [countryRows, outcomeRows] = await Promise.all([countries.execute(), outcomes.execute()]);
  const finished = outcomeRows.reduce((sum, row) => sum + Number(row.n), 0);
  const successful = outcomeRows.filter((row) => successfulStatuses.includes(row.status)).reduce((sum, row) => sum + Number(row.n), 0);

  return {
    days: days.map((day) => ({
      day: day.day,
      sms: microsToEuros(day.sms),
      numbers: microsToEuros(day.numbers),
      total: microsToEuros(day.total),
      by_account: Object.fromEntries(Object.entries(day.by_account).map(([key, micros]) => [key, microsToEuros(micros)])),
    })),
    accounts: top.map((key) => ({ api_key: key, name: names.get(key) ?? key })),
    total: microsToEuros(totalMicros),
    countries: countryRows
      .map((row) => ({ country: row.country as string, messages: Number(row.messages), micros: Number(row.micros) }))
      .sort((a, b) => b.messages - a.messages || b.micros - a.micros || a.country.localeCompare(b.country))
      .slice(0, TOP_COUNTRIES)
      .map((row) => ({ country: row.country, messages: row.messages, spend: microsToEuros(row.micros) })),
    messages: { finished, successful, success_rate: finished === 0 ? null : successful / finished },
  };
}
