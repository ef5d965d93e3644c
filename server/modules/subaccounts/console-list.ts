import { sql, type Expression, type SqlBool } from 'kysely';
import { microsToEuros } from '../../../contract/money.js';
import type { SubaccountPage, subaccountPageQuerySchema } from '../../../contract/subaccounts.js';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { nameOrKeyContains } from '../../db/like.js';
import type { Account } from '../../db/schema.js';
import { subaccountsOf, type AccountFilter } from '../../platform/accounts/accounts-repository.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';
import { familyTotals } from './family-totals.js';
import { accountColumns, describePrimary, describeSubaccount } from './view.js';

type PageQuery = z.output<typeof subaccountPageQuerySchema>;


/**
 * One page of a primary's subaccounts for the console: searched, filtered and sorted in the
 * database, with totals over all of them, so that a family of 10 000 stays fast.
 */
export async function subaccountPage(ctx: AppContext, primary: Account, query: PageQuery, scope: Scope): Promise<SubaccountPage> {
  const visible = visibleSubaccounts(scope);
  const primaryAvailable = primary.balance_micros - primary.credit_limit_micros;
  const available = sql<number>`case when use_primary_account_balance = 1 then ${primaryAvailable} else balance_micros - credit_limit_micros end`;
  const sortColumns = {
    name: sql`lower(name)`,
    api_key: sql`api_key`,
    created_at: sql`created_at`,
    balance: sql`balance_micros`,
    credit_limit: sql`credit_limit_micros`,
    available,
  } as const;

  // The search and filters: applied to the page's rows, and counted beside the family's totals in one scan.
  const matching: AccountFilter = (eb) => {
    const conditions: Expression<SqlBool>[] = [];
    if (query.search) conditions.push(nameOrKeyContains(query.search));
    if (query.status) conditions.push(eb('suspended', '=', query.status === 'suspended' ? 1 : 0));
    if (query.balance_mode) conditions.push(eb('use_primary_account_balance', '=', query.balance_mode === 'shared' ? 1 : 0));
    return eb.and(conditions);
  };
  const rowsQuery = ctx.db.selectFrom('accounts').where(subaccountsOf(primary.api_key, visible)).where(matching);

  const direction = query.order === 'asc' ? sql`asc` : sql`desc`;
  const [rows, totals] = await Promise.all([
    rowsQuery
      .select([...accountColumns, available.as('available_micros')])
      .orderBy(sql`${sortColumns[query.sort]} ${direction}`)
      .orderBy(sql`api_key ${direction}`)
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
    familyTotals(ctx, primary, visible, matching),
  ]);

  return {
    primary: describePrimary(primary),
    items: rows.map((row) => ({ ...describeSubaccount(row), available: microsToEuros(Number(row.available_micros)) })),
    total: totals.matching,
    totals: {
      subaccounts: totals.subaccounts,
      total_balance: microsToEuros(totals.balanceMicros),
      total_credit_limit: microsToEuros(totals.creditLimitMicros),
    },
  };
}
