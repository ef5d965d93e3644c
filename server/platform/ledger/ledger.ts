import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';

export type LedgerKind = 'test_credit' | 'top_up' | 'usage' | 'balance_transfer' | 'adjustment' | 'payment' | 'payment_refund' | 'number_setup' | 'number_rental';

/**
 * Where a kind's money goes: `in` brings money into the platform, `spent` takes it out, `internal` only
 * moves it inside one family. verify-ledger checks money in − money spent = the sum of balances, so a
 * kind must be classified before it can be posted: the Record makes a missing one a type error.
 */
export type LedgerFlow = 'in' | 'spent' | 'internal';

export const ledgerKindFlows: Record<LedgerKind, LedgerFlow> = {
  test_credit: 'in',
  top_up: 'in',
  adjustment: 'in',
  // A customer's card, PayPal or bank payment, and money given back from one (a negative amount in).
  payment: 'in',
  payment_refund: 'in',
  usage: 'spent',
  // A virtual number's setup price and its monthly rent.
  number_setup: 'spent',
  number_rental: 'spent',
  balance_transfer: 'internal',
};

export function kindsOfFlow(flow: LedgerFlow): LedgerKind[] {
  return (Object.keys(ledgerKindFlows) as LedgerKind[]).filter((kind) => ledgerKindFlows[kind] === flow);
}

export interface LedgerPosting {
  apiKey: string;
  primaryApiKey: string;
  kind: LedgerKind;
  amountMicros: number;
  reference?: string | null;
  transferId?: string | null;
  actor: string;
}

/** Credits or debits an account unconditionally and records it, in the caller's transaction. */
export async function postLedgerEntry(tx: Tx, clock: Clock, posting: LedgerPosting): Promise<number> {
  const balance = await applyPosting(tx, clock, posting, false);
  if (balance === null) throw new Error(`account ${posting.apiKey} not found`);
  return balance;
}

/**
 * Debits an account only if it stays within its credit limit (balance - amount >= credit_limit).
 * The check and the update are one statement, so concurrent debits can never overdraw.
 * Returns the new balance, or null when the money is not there.
 */
export async function debitWithinLimit(tx: Tx, clock: Clock, posting: LedgerPosting): Promise<number | null> {
  if (posting.amountMicros > 0) throw new Error('a debit is a negative amount');
  return applyPosting(tx, clock, posting, true);
}

async function applyPosting(tx: Tx, clock: Clock, posting: LedgerPosting, withinLimit: boolean): Promise<number | null> {
  if (!Number.isSafeInteger(posting.amountMicros)) throw new Error(`ledger amount is not an integer: ${posting.amountMicros}`);
  let update = tx
    .updateTable('accounts')
    .set({ balance_micros: sql<number>`balance_micros + ${posting.amountMicros}` })
    .where('api_key', '=', posting.apiKey);
  if (withinLimit) update = update.where(sql<boolean>`balance_micros + ${posting.amountMicros} >= credit_limit_micros`);
  const updated = await update.returning('balance_micros').executeTakeFirst();
  if (!updated) return null;
  await ledgerInsert(tx, clock, [{ ...posting, balanceAfterMicros: updated.balance_micros }]).execute();
  return updated.balance_micros;
}

/**
 * The insert of ledger entries for postings whose balance update the caller makes itself, in the
 * same transaction (a transfer's one guarded update of both accounts): each with the account's
 * balance after it, which the caller takes from that update.
 */
export function ledgerInsert(tx: Tx, clock: Clock, postings: (LedgerPosting & { balanceAfterMicros: number })[]) {
  const createdAt = clock.now().toISOString();
  return tx.insertInto('ledger_entries').values(
    postings.map((posting) => {
      if (!Number.isSafeInteger(posting.amountMicros)) throw new Error(`ledger amount is not an integer: ${posting.amountMicros}`);
      return {
        id: newId(),
        primary_api_key: posting.primaryApiKey,
        api_key: posting.apiKey,
        kind: posting.kind,
        amount_micros: posting.amountMicros,
        balance_after_micros: posting.balanceAfterMicros,
        reference: posting.reference ?? null,
        transfer_id: posting.transferId ?? null,
        actor: posting.actor,
        created_at: createdAt,
      };
    }),
  );
}
