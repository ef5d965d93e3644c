import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Account, Database } from '../../db/schema.js';

/**
 * Every read of the accounts table the features need, in one place. Each takes the pool or a
 * transaction (a Tx is a Db), so a caller reads inside its transaction when it must. The per-connection
 * statement caches of server/db prepare each query's SQL once, as for any query.
 */

export function byKey(db: Db, apiKey: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('api_key', '=', apiKey).executeTakeFirst();
}

/** An account that must exist (the caller holds its key from an earlier read): a missing one is a bug, not a client's mistake. */
export async function existingByKey(db: Db, apiKey: string): Promise<Account> {
  const account = await byKey(db, apiKey);
  if (!account) throw new Error(`account ${apiKey} not found`);
  return account;
}

export async function exists(db: Db, apiKey: string): Promise<boolean> {
  return (await db.selectFrom('accounts').select('api_key').where('api_key', '=', apiKey).executeTakeFirst()) !== undefined;
}

/** A phone number verifies one account only: an account's, or any user's (members' phones included). */
export async function phoneTaken(db: Db, phone: string): Promise<boolean> {
  if ((await db.selectFrom('accounts').select('api_key').where('phone', '=', phone).executeTakeFirst()) !== undefined) return true;
  return (await db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst()) !== undefined;
}

/** The subaccount `apiKey` of the primary `primaryApiKey` (never the primary itself). */
export function subaccountOf(db: Db, primaryApiKey: string, apiKey: string): Promise<Account | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('api_key', '=', apiKey)
    .where('primary_api_key', '=', primaryApiKey)
    .where('api_key', '!=', primaryApiKey)
    .executeTakeFirst();
}

export async function countSubaccounts(db: Db, primaryApiKey: string): Promise<number> {
  const { count } = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('primary_api_key', '=', primaryApiKey)
    .where('api_key', '!=', primaryApiKey)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * The subaccounts' count and the sums of the balances and credit limits of those with their own
 * balance; only over `visible` when given (a caller scoped to some subaccounts). `matching` also
 * counts those a filter keeps (a console search), in the same scan.
 */
export async function subaccountTotals(
  db: Db,
  primaryApiKey: string,
  visible: readonly string[] | null = null,
  matching?: AccountFilter,
): Promise<{ subaccounts: number; balanceMicros: number; creditLimitMicros: number; matching: number }> {
  const totals = await db
    .selectFrom('accounts')
    .select((eb) => [
      sql<number>`count(*)`.as('subaccounts'),
      sql<number>`coalesce(sum(case when use_primary_account_balance = 0 then balance_micros else 0 end), 0)`.as('balance'),
      sql<number>`coalesce(sum(case when use_primary_account_balance = 0 then credit_limit_micros else 0 end), 0)`.as('credit'),
      (matching ? eb.fn.countAll<number>().filterWhere(matching(eb)) : sql<number>`count(*)`).as('matching'),
    ])
    .where(subaccountsOf(primaryApiKey, visible))
    .executeTakeFirstOrThrow();
  return {
    subaccounts: Number(totals.subaccounts),
    balanceMicros: Number(totals.balance),
    creditLimitMicros: Number(totals.credit),
    matching: Number(totals.matching),
  };
}

/**
 * The subaccounts of a family, or only `visible` of them (a member's scope). With a scope, the
 * family check is written `primary_api_key || '' = …` so that neither SQLite nor PostgreSQL reads the
 * whole family through its index and filters 10 000 rows down to 100: the scope's keys are looked up
 * by primary key, and each is still checked to belong to the family.
 */
export function subaccountsOf(primaryApiKey: string, visible: readonly string[] | null): AccountFilter {
  return (eb) => {
    if (visible === null) return eb.and([eb('primary_api_key', '=', primaryApiKey), eb('api_key', '!=', primaryApiKey)]);
    if (visible.length === 0) return sql<SqlBool>`1 = 0`;
    return eb.and([eb('api_key', 'in', visible), eb('api_key', '!=', primaryApiKey), sql<SqlBool>`primary_api_key || '' = ${primaryApiKey}`]);
  };
}

/** A condition on accounts rows (a console search and its filters). */
export type AccountFilter = (eb: ExpressionBuilder<Database, 'accounts'>) => Expression<SqlBool>;

/** The account whose balance and credit limit pay for `apiKey`'s usage: its primary when it shares the primary's balance, else itself. */
export function payerOf(db: Db, apiKey: string): Promise<Account | undefined> {
  return db
    .selectFrom('accounts as a')
    .innerJoin('accounts as payer', (join) =>
      join.on(sql<boolean>`payer.api_key = case when a.use_primary_account_balance = 1 then a.primary_api_key else a.api_key end`),
    )
    .selectAll('payer')
    .where('a.api_key', '=', apiKey)
    .executeTakeFirst();
}

/** Whether `apiKey` may use the API as far as its family goes: its own and its primary's suspension, and the family's DEMO mode. */
export function standing(db: Db, apiKey: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('accounts as p', 'p.api_key', 'a.primary_api_key')
    .select(['a.api_key', 'a.primary_api_key', 'a.suspended', 'p.suspended as primary_suspended', 'p.demo', 'p.store_message_text'])
    .where('a.api_key', '=', apiKey)
    .executeTakeFirst();
}
