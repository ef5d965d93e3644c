import { sql } from 'kysely';
import { eurosToMicros, microsToEuros } from '../../../contract/money.js';
import { POSITIVE_AMOUNT_REASON, type TransferRequest } from '../../../contract/subaccounts.js';
import type { AppContext } from '../../context.js';
import { lockFamilyAccounts, type Tx } from '../../db/database.js';
import type { Account, TransfersTable } from '../../db/schema.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { newId } from '../../platform/ids.js';
import { debitWithinLimit, postLedgerEntry } from '../../platform/ledger/ledger.js';
import { insufficientFunds, invalidTransfer, subaccountsValidation } from './errors.js';

export type TransferKind = TransfersTable['kind'];

export interface TransferView {
  id: string;
  amount: number;
  from: string;
  to: string;
  reference: string;
  created_at: string;
  masterAccountId: string;
  _links: { self: { href: string } };
}

const collection = (kind: TransferKind) => (kind === 'credit' ? 'credit-transfers' : 'balance-transfers');

export function describeTransfer(row: TransfersTable): TransferView {
  return {
    id: row.id,
    amount: microsToEuros(row.amount_micros),
    from: row.from_api_key,
    to: row.to_api_key,
    reference: row.reference,
    created_at: row.created_at,
    masterAccountId: row.primary_api_key,
    _links: { self: { href: `/accounts/${row.primary_api_key}/${collection(row.kind)}/${row.id}` } },
  };
}

/** Checks the request's shape: a positive amount of at most micro-euro precision, two different accounts. */
export function parseTransfer(request: TransferRequest): { from: string; to: string; amountMicros: number; reference: string } {
  const amountMicros = eurosToMicros(request.amount);
  if (amountMicros === null || amountMicros <= 0) throw subaccountsValidation([{ name: 'amount', reason: POSITIVE_AMOUNT_REASON }]);
  if (request.from === request.to) {
    throw subaccountsValidation([{ name: 'from', reason: 'Invalid accounts. From and To accounts should be different' }]);
  }
  return { from: request.from, to: request.to, amountMicros, reference: request.reference ?? '' };
}

/**
 * Moves credit limit or balance between a primary and one of its own-balance subaccounts, in the
 * caller's transaction. Each side is one guarded statement, so concurrent transfers never push an
 * account past its limits; both accounts are locked in key order first.
 */
export async function transfer(
  ctx: AppContext,
  tx: Tx,
  primary: Account,
  kind: TransferKind,
  request: TransferRequest,
  actor: string,
  author: ActivityAuthor,
): Promise<TransferView> {
  const { from, to, amountMicros, reference } = parseTransfer(request);
  if (from !== primary.api_key && to !== primary.api_key) throw invalidTransfer();
  await lockFamilyAccounts(tx, ctx.database.dialect, primary.api_key, [from, to]);
  const subaccountKey = from === primary.api_key ? to : from;
  const subaccount = await accounts.subaccountOf(tx, primary.api_key, subaccountKey);
  if (!subaccount) throw invalidTransfer();
  if (subaccount.use_primary_account_balance === 1) {
    throw invalidTransfer(`Subaccount ${subaccountKey} uses the primary account's balance: it has no balance or credit of its own to transfer`);
  }

  const transferId = newId();
  if (kind === 'credit') {
    // Credit available to give: |limit| − |balance| when in debt, else |limit|; i.e. the new limit stays ≤ min(0, balance).
    const given = await tx
      .updateTable('accounts')
      .set({ credit_limit_micros: sql<number>`credit_limit_micros + ${amountMicros}` })
      .where('api_key', '=', from)
      .where(sql<boolean>`credit_limit_micros + ${amountMicros} <= 0`)
      .where(sql<boolean>`credit_limit_micros + ${amountMicros} <= balance_micros`)
      .executeTakeFirst();
    if (Number(given.numUpdatedRows) !== 1) throw insufficientFunds('credit');
    await tx.updateTable('accounts').set({ credit_limit_micros: sql<number>`credit_limit_micros - ${amountMicros}` }).where('api_key', '=', to).execute();
  } else {
    const posting = { primaryApiKey: primary.api_key, kind: 'balance_transfer' as const, reference, transferId, actor };
    const debited = await debitWithinLimit(tx, ctx.clock, { ...posting, apiKey: from, amountMicros: -amountMicros });
    if (debited === null) throw insufficientFunds('balance');
    await postLedgerEntry(tx, ctx.clock, { ...posting, apiKey: to, amountMicros });
  }

  const row: TransfersTable = {
    id: transferId,
    primary_api_key: primary.api_key,
    kind,
    from_api_key: from,
    to_api_key: to,
    amount_micros: amountMicros,
    reference,
    actor,
    created_at: ctx.clock.now().toISOString(),
  };
  await tx.insertInto('transfers').values(row).execute();
  await recordActivity(tx, ctx.clock, author, {
    kind: kind === 'credit' ? 'transfer.credit' : 'transfer.balance',
    primaryApiKey: primary.api_key,
    apiKey: subaccountKey,
    objectId: transferId,
    changes: [
      { field: 'amount', before: null, after: microsToEuros(amountMicros) },
      { field: 'from', before: null, after: from },
      { field: 'to', before: null, after: to },
      ...(reference ? [{ field: 'reference', before: null, after: reference }] : []),
    ],
  });
  return describeTransfer(row);
}

export async function listTransfers(
  ctx: AppContext,
  primary: Account,
  kind: TransferKind,
  filter: { start_date: string; end_date?: string; subaccounts: string[] },
  scope: Scope,
): Promise<TransferView[]> {
  const visible = visibleSubaccounts(scope);
  if (visible?.length === 0) return [];
  let query = ctx.db
    .selectFrom('transfers')
    .selectAll()
    .where('primary_api_key', '=', primary.api_key)
    .where('kind', '=', kind)
    .where('created_at', '>=', new Date(filter.start_date).toISOString())
    .orderBy('created_at')
    .orderBy('id');
  if (filter.end_date) query = query.where('created_at', '<=', new Date(filter.end_date).toISOString());
  if (filter.subaccounts.length > 0) {
    query = query.where((eb) => eb.or([eb('from_api_key', 'in', filter.subaccounts), eb('to_api_key', 'in', filter.subaccounts)]));
  }
  if (visible) query = query.where((eb) => eb.or([eb('from_api_key', 'in', visible), eb('to_api_key', 'in', visible)]));
  return (await query.execute()).map(describeTransfer);
}
