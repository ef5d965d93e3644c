import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Account } from '../../db/schema.js';

/** Count, balance and credit of a whole family: the primary plus its own-balance subaccounts. */
export async function familyTotals(ctx: AppContext, primary: Account): Promise<{ subaccounts: number; balanceMicros: number; creditLimitMicros: number }> {
  const totals = await ctx.db
    .selectFrom('accounts')
    .select([
      sql<number>`count(*)`.as('subaccounts'),
      sql<number>`coalesce(sum(case when use_primary_account_balance = 0 then balance_micros else 0 end), 0)`.as('balance'),
      sql<number>`coalesce(sum(case when use_primary_account_balance = 0 then credit_limit_micros else 0 end), 0)`.as('credit'),
    ])
    .where('primary_api_key', '=', primary.api_key)
    .where('api_key', '!=', primary.api_key)
    .executeTakeFirstOrThrow();
  return {
    subaccounts: Number(totals.subaccounts),
    balanceMicros: primary.balance_micros + Number(totals.balance),
    creditLimitMicros: primary.credit_limit_micros + Number(totals.credit),
  };
}
