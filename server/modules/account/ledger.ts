import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';

export type LedgerKind = 'test_credit' | 'top_up' | 'usage' | 'credit_transfer' | 'balance_transfer' | 'adjustment';

export interface LedgerPosting {
  apiKey: string;
  primaryApiKey: string;
  kind: LedgerKind;
  amountMicros: number;
  reference?: string | null;
  transferId?: string | null;
  actor: string;
}

/**
 * Moves an account's balance by a signed amount and records it, in the caller's transaction.
 * Returns the balance after the posting.
 */
export async function postLedgerEntry(tx: Tx, clock: Clock, posting: LedgerPosting): Promise<number> {
  if (!Number.isSafeInteger(posting.amountMicros)) throw new Error(`ledger amount is not an integer: ${posting.amountMicros}`);
  const updated = await tx
    .updateTable('accounts')
    .set({ balance_micros: sql<number>`balance_micros + ${posting.amountMicros}` })
    .where('api_key', '=', posting.apiKey)
    .returning('balance_micros')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('ledger_entries')
    .values({
      id: newId(),
      primary_api_key: posting.primaryApiKey,
      api_key: posting.apiKey,
      kind: posting.kind,
      amount_micros: posting.amountMicros,
      balance_after_micros: updated.balance_micros,
      reference: posting.reference ?? null,
      transfer_id: posting.transferId ?? null,
      actor: posting.actor,
      created_at: clock.now().toISOString(),
    })
    .execute();
  return updated.balance_micros;
}
