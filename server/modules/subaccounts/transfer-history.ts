import type { z } from 'zod';
import { microsToEuros } from '../../../contract/money.js';
import type { TransferHistory, transferHistoryQuerySchema } from '../../../contract/subaccounts.js';
import type { AppContext } from '../../context.js';
import type { Account } from '../../db/schema.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';

type Query = z.output<typeof transferHistoryQuerySchema>;

/**
 * One page of the family's credit and balance transfers, newest first, each side with its name, and
 * how many match: what the console's transfers page shows without downloading the family.
 */
export async function transferHistory(ctx: AppContext, primary: Account, query: Query, scope: Scope): Promise<TransferHistory> {
  const visible = visibleSubaccounts(scope);
  if (visible?.length === 0) return { items: [], total: 0 };
  let matching = ctx.db
    .selectFrom('transfers as t')
    .where('t.primary_api_key', '=', primary.api_key)
    .where('t.created_at', '>=', new Date(query.start_date).toISOString());
  if (query.end_date) matching = matching.where('t.created_at', '<=', new Date(query.end_date).toISOString());
  if (query.kind) matching = matching.where('t.kind', '=', query.kind);
  if (visible) matching = matching.where((eb) => eb.or([eb('t.from_api_key', 'in', visible), eb('t.to_api_key', 'in', visible)]));
  const subaccount = query.subaccount;
  if (subaccount) matching = matching.where((eb) => eb.or([eb('t.from_api_key', '=', subaccount), eb('t.to_api_key', '=', subaccount)]));

  const [rows, count] = await Promise.all([
    matching
      .innerJoin('accounts as f', 'f.api_key', 't.from_api_key')
      .innerJoin('accounts as r', 'r.api_key', 't.to_api_key')
      .select([
        't.id',
        't.kind',
        't.amount_micros',
        't.from_api_key',
        'f.name as from_name',
        't.to_api_key',
        'r.name as to_name',
        't.reference',
        't.created_at',
      ])
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
    matching.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind === 'credit' ? 'credit' : 'balance',
      amount: microsToEuros(row.amount_micros),
      from: row.from_api_key,
      from_name: row.from_name,
      to: row.to_api_key,
      to_name: row.to_name,
      reference: row.reference,
      created_at: row.created_at,
    })),
    total: Number(count.total),
  };
}
