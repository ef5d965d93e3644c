import type { AppContext } from '../../context.js';
import type { Account } from '../../db/schema.js';
import { subaccountTotals } from '../../platform/accounts/accounts-repository.js';

/**
 * Count, balance and credit of a family: the primary plus its own-balance subaccounts, or only those
 * the caller's scope shows (`visible`, null for all).
 */
export async function familyTotals(
  ctx: AppContext,
  primary: Account,
  visible: readonly string[] | null,
): Promise<{ subaccounts: number; balanceMicros: number; creditLimitMicros: number }> {
  const totals = await subaccountTotals(ctx.db, primary.api_key, visible);
  return {
    subaccounts: totals.subaccounts,
    balanceMicros: primary.balance_micros + totals.balanceMicros,
    creditLimitMicros: primary.credit_limit_micros + totals.creditLimitMicros,
  };
}
