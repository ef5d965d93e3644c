import { eurosToMicros } from '../../contract/money.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/database.js';
import { chargeUsage } from '../platform/ledger/charge-usage.js';

/** Charges usage to an account as the metered APIs do; returns whether the money was there. */
export async function spend(ctx: AppContext, apiKey: string, euros: number): Promise<boolean> {
  const result = await inTransaction(ctx.database, (tx) =>
    chargeUsage(tx, ctx.clock, { apiKey, amountMicros: eurosToMicros(euros)!, reference: 'test usage', actor: 'system' }),
  );
  return result.ok;
}
