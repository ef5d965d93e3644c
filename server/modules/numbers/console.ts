import { sql, type Expression, type SqlBool } from 'kysely';
import { microsToEuros } from '../../../contract/money.js';
import type { ConsoleNumber, ConsoleSearchResponse, NumberList, numberListQuerySchema, PurchaseQuote, SearchQuery } from '../../../contract/numbers.js';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { containsPattern } from '../../db/like.js';
import type { Account } from '../../db/schema.js';
import { payerOf } from '../../platform/accounts/accounts-repository.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';
import { findAvailable, NumberActionFailed } from './numbers.js';
import { lastRenewedPeriod } from './renew.js';
import { renewalDay } from './renewal-date.js';

type ListQuery = z.output<typeof numberListQuerySchema>;

/** The console's search: the public search's filters and paging, prices in euros. */
export async function consoleSearch(ctx: AppContext, query: SearchQuery): Promise<ConsoleSearchResponse> {
  const { count, rows } = await findAvailable(ctx, query);
  return {
    total: count,
    items: rows.map((row) => ({
      country: row.country,
      msisdn: row.msisdn,
      type: row.type,
      features: row.features,
      monthly_cost: microsToEuros(row.monthly_cost_micros),
      setup_price: microsToEuros(row.setup_price_micros),
    })),
  };
}

/**
 * One page of the numbers a family rents, those of the subaccounts the member may see only, with
 * the renter, the next renewal day and where inbound messages go.
 */
export async function familyNumbers(ctx: AppContext, primary: Account, query: ListQuery, scope: Scope): Promise<NumberList> {
  const visible = visibleSubaccounts(scope);
  if (visible?.length === 0) return { total: 0, items: [] };
  const base = ctx.db
    .selectFrom('numbers as n')
    .innerJoin('accounts as a', 'a.api_key', 'n.owner_api_key')
    .where('n.primary_api_key', '=', primary.api_key)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (visible) conditions.push(eb('n.owner_api_key', 'in', visible));
      if (query.account) conditions.push(eb('n.owner_api_key', '=', query.account));
      if (query.country) conditions.push(eb('n.country', '=', query.country));
      if (query.type) conditions.push(eb('n.type', '=', query.type));
      if (query.search) {
        const pattern = containsPattern(query.search.replace(/^\+/, '').toLowerCase());
        conditions.push(sql<SqlBool>`(n.msisdn like ${pattern} escape '\\' or lower(n.description) like ${pattern} escape '\\')`);
      }
      return eb.and(conditions);
    });
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('number_rentals as r', 'r.id', 'n.rental_id')
      .selectAll('n')
      .select(['a.name', 'a.mo_callback_url', 'r.started_on', 'r.monthly_cost_micros as rental_cost_micros'])
      .select(lastRenewedPeriod.as('last_period'))
      .orderBy('n.msisdn')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map(
      (row): ConsoleNumber => ({
        msisdn: row.msisdn,
        country: row.country,
        type: row.type,
        features: row.features.split(',') as ConsoleNumber['features'],
        account: { api_key: row.owner_api_key!, name: row.name, primary: row.owner_api_key === primary.api_key },
        monthly_cost: microsToEuros(row.rental_cost_micros),
        renews_on: renewalDay(row.started_on, Number(row.last_period ?? 0) + 1),
        description: row.description ?? '',
        app_id: row.app_id ?? '',
        mo_http_url: row.mo_http_url ?? '',
        voice_callback_type: row.voice_callback_type,
        voice_callback_value: row.voice_callback_value ?? '',
        voice_status_callback: row.voice_status_callback ?? '',
        webhook: row.mo_http_url ? 'number' : row.mo_callback_url ? 'account' : 'none',
      }),
    ),
  };
}

/** What buying a number into `account` costs now, and what its payer would have left. */
export async function purchaseQuote(ctx: AppContext, account: Account, number: { country: string; msisdn: string }): Promise<PurchaseQuote> {
  const [row, payer] = await Promise.all([
    ctx.db.selectFrom('numbers').select(['monthly_cost_micros', 'setup_price_micros']).where('msisdn', '=', number.msisdn).where('country', '=', number.country).executeTakeFirst(),
    payerOf(ctx.db, account.api_key),
  ]);
  if (!row || !payer) throw new NumberActionFailed();
  const total = row.setup_price_micros + row.monthly_cost_micros;
  const available = payer.balance_micros - payer.credit_limit_micros;
  return {
    msisdn: number.msisdn,
    country: number.country,
    setup_price: microsToEuros(row.setup_price_micros),
    monthly_cost: microsToEuros(row.monthly_cost_micros),
    total: microsToEuros(total),
    payer_api_key: payer.api_key,
    available_before: microsToEuros(available),
    available_after: microsToEuros(available - total),
  };
}
