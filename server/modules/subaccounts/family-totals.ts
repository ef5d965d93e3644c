import type { AppContext } from '../../context.js';
import type { Account } from '../../db/schema.js';
import { subaccountTotals } from '../../platform/accounts/accounts-repository.js';

/** Count, balance and credit of a whole family: the primary plus its own-balance subaccounts. */
export async function familyTotals(ctx: AppContext, primary: Account): Promise<{ subaccounts: number; balanceMicros: number; creditLimitMicros: number }> {
  const totals = await subaccountTotals(ctx.db, primary.api_key);
  return {
    subaccounts: totals.subaccounts,
    balanceMicros: primary.balance_micros + totals.balanceMicros,
    creditLimitMicros: primary.credit_limit_micros + totals.creditLimitMicros,
  };
}
