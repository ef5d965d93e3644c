import type { AppContext } from '../../context.js';
import type { Account } from '../../db/schema.js';
import { subaccountTotals, type AccountFilter } from '../../platform/accounts/accounts-repository.js';

/**
 * Count, balance and credit of a family: the primary plus its own-balance subaccounts, or only those
 * the caller's scope shows (`visible`, null for all); `matching` counts those a filter keeps, in the same scan.
 */
export async function familyTotals(
  ctx: AppContext,
  primary: Account,
  visible: readonly string[] | null,
  matching?: AccountFilter,
): Promise<{ subaccounts: number; balanceMicros: number; creditLimitMicros: number; matching: number }> {
  const totals = await subaccountTotals(ctx.db, primary.api_key, visible, matching);
  return {
    subaccounts: totals.subaccounts,
    balanceMicros: primary.balance_micros + totals.balanceMicros,
    creditLimitMicros: primary.credit_limit_micros + totals.creditLimitMicros,
    matching: totals.matching,
  };
}
