import { sql, type Compilable, type OperationNodeSource } from 'kysely';
import { eurosToMicros, microsToEuros } from '../../../contract/money.js';
import { POSITIVE_AMOUNT_REASON, type TransferRequest } from '../../../contract/subaccounts.js';
import type { AppContext } from '../../context.js';
import { readLockedFamilyAccounts, writeTogether, type Tx } from '../../db/database.js';
import type { Account, TransfersTable } from '../../db/schema.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { activityInsert } from '../../platform/activity/record-activity.js';
import { newId } from '../../platform/ids.js';
import { ledgerInsert } from '../../platform/ledger/ledger.js';
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
 * caller's transaction. Both accounts are locked in key order and read by one statement; then one
 * guarded update moves the amount on both sides, and on PostgreSQL the ledger entries, the transfer
 * and its activity entry go in that same statement (writeTogether), so the locks are held for two
 * round trips and the commit. `alongside` adds the caller's writes to that statement (the stored
 * answer of an Idempotency-Key). The guard keeps the sending side within its limits whatever this code
 * read: if it holds the update back, the transfer is refused and everything rolls back.
 */
export async function transfer(
  ctx: AppContext,
  tx: Tx,
  primary: Account,
  kind: TransferKind,
  request: TransferRequest,
  actor: string,
  author: ActivityAuthor,
  alongside: (done: TransferView) => (Compilable & OperationNodeSource)[] = () => [],
): Promise<TransferView> {
  const { from, to, amountMicros, reference } = parseTransfer(request);
  if (from !== primary.api_key && to !== primary.api_key) throw invalidTransfer();
  const subaccountKey = from === primary.api_key ? to : from;
  const locked = await readLockedFamilyAccounts(tx, ctx.database.dialect, primary.api_key, [from, to]);
  const subaccount = locked.find((account) => account.api_key === subaccountKey);
  if (!subaccount || locked.length !== 2) throw invalidTransfer();
  if (subaccount.use_primary_account_balance === 1) {
    throw invalidTransfer(`Subaccount ${subaccountKey} uses the primary account's balance: it has no balance or credit of its own to transfer`);
  }

  const row: TransfersTable = {
    id: newId(),
    primary_api_key: primary.api_key,
    kind,
    from_api_key: from,
    to_api_key: to,
    amount_micros: amountMicros,
    reference,
    actor,
    created_at: ctx.clock.now().toISOString(),
  };
  // Giving credit: the sender's limit rises by the amount and must stay ≤ min(0, its balance); the receiver's falls.
  // Giving balance: the sender's balance falls by the amount and must stay ≥ its limit; the receiver's rises.
  const column = kind === 'credit' ? 'credit_limit_micros' : 'balance_micros';
  const sent = kind === 'credit' ? amountMicros : -amountMicros;
  const guard =
    kind === 'credit'
      ? sql<boolean>`(api_key <> ${from} or (credit_limit_micros + ${amountMicros} <= 0 and credit_limit_micros + ${amountMicros} <= balance_micros))`
      : sql<boolean>`(api_key <> ${from} or balance_micros - ${amountMicros} >= credit_limit_micros)`;
  const move = tx
    .updateTable('accounts')
    .set({ [column]: sql<number>`${sql.ref(column)} + case when api_key = ${from} then cast(${sent} as bigint) else cast(${-sent} as bigint) end` })
    .where('primary_api_key', '=', primary.api_key)
    .where('api_key', 'in', [from, to])
    .where(guard)
    .returning(['api_key', 'balance_micros', 'credit_limit_micros']);

  // The balances after the move, as the locked rows say; the update's own answer must agree.
  const after = new Map(locked.map((account) => [account.api_key, { ...account }]));
  after.get(from)![column] += sent;
  after.get(to)![column] -= sent;
  const posting = { primaryApiKey: primary.api_key, kind: 'balance_transfer' as const, reference, transferId: row.id, actor };
  const ledger =
    kind === 'balance'
      ? [
          ledgerInsert(tx, ctx.clock, [
            { ...posting, apiKey: from, amountMicros: -amountMicros, balanceAfterMicros: after.get(from)!.balance_micros },
            { ...posting, apiKey: to, amountMicros, balanceAfterMicros: after.get(to)!.balance_micros },
          ]),
        ]
      : [];
  const activity = activityInsert(tx, ctx.clock, author, {
    kind: kind === 'credit' ? 'transfer.credit' : 'transfer.balance',
    primaryApiKey: primary.api_key,
    apiKey: subaccountKey,
    objectId: row.id,
    changes: [
      { field: 'amount', before: null, after: microsToEuros(amountMicros) },
      { field: 'from', before: null, after: from },
      { field: 'to', before: null, after: to },
      ...(reference ? [{ field: 'reference', before: null, after: reference }] : []),
    ],
  });

  const done = describeTransfer(row);
  const moved = await writeTogether(tx, ctx.database.dialect, move, [...ledger, tx.insertInto('transfers').values(row), activity, ...alongside(done)]);
  if (moved.length !== 2) throw insufficientFunds(kind);
  for (const account of moved) {
    const expected = after.get(account.api_key)!;
    if (Number(account.balance_micros) !== expected.balance_micros || Number(account.credit_limit_micros) !== expected.credit_limit_micros) {
      throw new Error(`transfer ${row.id}: account ${account.api_key} changed under its lock`);
    }
  }
  return done;
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
