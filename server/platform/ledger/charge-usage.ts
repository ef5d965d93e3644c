import type { Tx } from '../../db/database.js';
import type { Clock } from '../clock.js';
import { payerOf } from '../accounts/accounts-repository.js';
import { debitWithinLimit } from './ledger.js';

export type UsageCharge =
  | { ok: true; payerApiKey: string; balanceAfterMicros: number }
  | { ok: false; reason: 'insufficient_credit' | 'unknown_account' };

/**
 * Charges usage of `apiKey`. A shared-balance subaccount spends from its primary's balance and
 * limit; every other account from its own.
 */
export async function chargeUsage(
  tx: Tx,
  clock: Clock,
  charge: { apiKey: string; amountMicros: number; reference: string; actor: string },
): Promise<UsageCharge> {
  const payer = await payerOf(tx, charge.apiKey);
  if (!payer) return { ok: false, reason: 'unknown_account' };
  const payerApiKey = payer.api_key;
  const balanceAfterMicros = await debitWithinLimit(tx, clock, {
    apiKey: payerApiKey,
    primaryApiKey: payer.primary_api_key,
    kind: 'usage',
    amountMicros: -charge.amountMicros,
    reference: charge.reference,
    actor: charge.actor,
  });
  if (balanceAfterMicros === null) return { ok: false, reason: 'insufficient_credit' };
  return { ok: true, payerApiKey, balanceAfterMicros };
}
