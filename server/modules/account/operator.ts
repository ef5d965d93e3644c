import { microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import { inTransaction, lockFamilyAccounts, type Tx } from '../../db/database.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { operatorAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { ProblemError } from '../../platform/problems.js';
import { postLedgerEntry } from '../../platform/ledger/ledger.js';

export interface AccountState {
  api_key: string;
  balance: number;
  credit_limit: number;
  demo: boolean;
}

async function state(tx: Tx, apiKey: string): Promise<AccountState> {
  const row = await accounts.existingByKey(tx, apiKey);
  return { api_key: row.api_key, balance: microsToEuros(row.balance_micros), credit_limit: microsToEuros(row.credit_limit_micros), demo: row.demo === 1 };
}

async function primaryAccount(tx: Tx, apiKey: string) {
  const account = await accounts.byKey(tx, apiKey);
  if (!account) throw new ProblemError({ status: 404, title: 'Not found', detail: `No account with API key ${apiKey}` });
  if (account.api_key !== account.primary_api_key) {
    throw new ProblemError({ status: 422, title: 'Not a primary account', detail: `${apiKey} is a subaccount: operators act on primary accounts` });
  }
  return account;
}

/** Grants a postpaid credit limit (≤ 0) to a primary account. A limit the balance already exceeds is refused. */
export async function setCreditLimit(ctx: AppContext, apiKey: string, limitMicros: number): Promise<AccountState> {
  if (limitMicros > 0) throw new ProblemError({ status: 422, title: 'Invalid limit', detail: 'A credit limit is zero or negative (e.g. -100)' });
  return inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, apiKey, [apiKey]);
    const account = await primaryAccount(tx, apiKey);
    if (account.balance_micros < limitMicros) {
      throw new ProblemError({
        status: 422,
        title: 'Invalid limit',
        detail: `The balance (${microsToEuros(account.balance_micros)}) is already below ${microsToEuros(limitMicros)}: settle the debt first`,
      });
    }
    await tx.updateTable('accounts').set({ credit_limit_micros: limitMicros }).where('api_key', '=', apiKey).execute();
    await recordActivity(tx, ctx.clock, operatorAuthor, {
      kind: 'account.credit_limit_set',
      primaryApiKey: apiKey,
      apiKey,
      changes: changesBetween({ credit_limit: microsToEuros(account.credit_limit_micros) }, { credit_limit: microsToEuros(limitMicros) }, ['credit_limit']),
    });
    return state(tx, apiKey);
  });
}

/**
 * Credits a received bank transfer. With a reference, the same transfer is credited once only.
 * The first payment ends DEMO mode.
 */
export async function topUpByOperator(ctx: AppContext, apiKey: string, amountMicros: number, reference: string | null): Promise<AccountState & { applied: boolean }> {
  if (amountMicros <= 0) throw new ProblemError({ status: 422, title: 'Invalid amount', detail: 'The amount must be positive' });
  return inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, apiKey, [apiKey]);
    const account = await primaryAccount(tx, apiKey);
    if (reference) {
      const seen = await tx
        .selectFrom('ledger_entries')
        .select('id')
        .where('api_key', '=', apiKey)
        .where('kind', '=', 'top_up')
        .where('reference', '=', reference)
        .executeTakeFirst();
      if (seen) return { ...(await state(tx, apiKey)), applied: false };
    }
    const balanceAfter = await postLedgerEntry(tx, ctx.clock, {
      apiKey,
      primaryApiKey: account.primary_api_key,
      kind: 'top_up',
      amountMicros,
      reference: reference ?? 'Bank transfer',
      actor: 'operator',
    });
    await recordActivity(tx, ctx.clock, operatorAuthor, {
      kind: 'account.topped_up',
      primaryApiKey: apiKey,
      apiKey,
      changes: [
        { field: 'amount', before: null, after: microsToEuros(amountMicros) },
        { field: 'balance', before: microsToEuros(balanceAfter - amountMicros), after: microsToEuros(balanceAfter) },
        { field: 'reference', before: null, after: reference ?? 'Bank transfer' },
      ],
    });
    await tx.updateTable('accounts').set({ demo: 0 }).where('primary_api_key', '=', apiKey).execute();
    return { ...(await state(tx, apiKey)), applied: true };
  });
}
