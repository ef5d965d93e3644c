import { sql } from 'kysely';
import { placeholdersOf, shortCodePurposeLabels, type ConfigureShortCode, type ShortCode, type ShortCodeOptions } from '../../../contract/short-codes.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';
import { invalidInput, ProblemError } from '../../platform/problems.js';

const notFound = (code: string) => new ProblemError({ status: 404, title: 'Short code not found', detail: `This account has no short code ${code}.` });

function listQuery(db: Db) {
  return db
    .selectFrom('account_short_codes as a')
    .innerJoin('short_codes as s', 's.code', 'a.code')
    .innerJoin('accounts', 'accounts.api_key', 'a.api_key')
    .select(['a.api_key', 'accounts.name as account_name', 'a.code', 's.country', 's.purpose', 'a.template', 'a.messages_per_day', 'a.terms_url', 'a.privacy_url', 'a.created_at', 'a.updated_at']);
}
type Row = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

/** The primary account first, then its subaccounts. */
const primaryFirst = (table: 'a') => sql<number>`case when ${sql.ref(`${table}.api_key`)} = ${sql.ref(`${table}.primary_api_key`)} then 0 else 1 end`;

const view = (row: Row): ShortCode => ({
  ...row,
  messages_per_day: row.messages_per_day === null ? null : Number(row.messages_per_day),
  placeholders: row.template === null ? [] : placeholdersOf(row.template),
});

/** The short codes of a family (or of the subaccounts the scope shows), by account and code. */
export async function listShortCodes(db: Db, primaryApiKey: string, scope: Scope): Promise<{ items: ShortCode[] }> {
  const visible = visibleSubaccounts(scope);
  if (visible?.length === 0) return { items: [] };
  let query = listQuery(db).where('a.primary_api_key', '=', primaryApiKey);
  if (visible) query = query.where('a.api_key', 'in', visible);
  const rows = await query.orderBy(primaryFirst('a')).orderBy('accounts.name').orderBy('a.api_key').orderBy('a.code').execute();
  return { items: rows.map(view) };
}

const readShortCode = async (db: Db, apiKey: string, code: string) => {
  const row = await listQuery(db).where('a.api_key', '=', apiKey).where('a.code', '=', code).executeTakeFirst();
  if (!row) throw notFound(code);
  return view(row);
};

/** The pool, and the accounts of the family the user may give a code to. */
export async function shortCodeOptions(db: Db, primaryApiKey: string, scope: Scope): Promise<ShortCodeOptions> {
  const visible = visibleSubaccounts(scope);
  let accounts = db.selectFrom('accounts as a').select(['api_key', 'name']).where('primary_api_key', '=', primaryApiKey);
  if (visible) accounts = accounts.where('api_key', 'in', visible.length > 0 ? visible : ['']);
  const [pool, rows] = await Promise.all([
    db.selectFrom('short_codes').select(['code', 'country', 'purpose']).orderBy('purpose', 'desc').orderBy('code').execute(),
    accounts.orderBy(primaryFirst('a')).orderBy('name').orderBy('api_key').execute(),
  ]);
  return { pool, accounts: rows };
}

/**
 * Adds a code of the pool to an account of the family. Shared short codes carry no fee: nothing is
 * charged, now or monthly. An account holds a code once.
 */
export async function addShortCode(ctx: AppContext, primary: Account, body: { api_key: string; code: string }, author: ActivityAuthor): Promise<ShortCode> {
  await inTransaction(ctx.database, async (tx) => {
    const account = await tx.selectFrom('accounts').select(['api_key', 'primary_api_key']).where('api_key', '=', body.api_key).where('primary_api_key', '=', primary.api_key).executeTakeFirst();
    if (!account) throw invalidInput([{ name: 'api_key', reason: 'Choose an account of this family' }]);
    const pooled = await tx.selectFrom('short_codes').select(['code', 'purpose']).where('code', '=', body.code).executeTakeFirst();
    if (!pooled) throw invalidInput([{ name: 'code', reason: `${body.code} is not one of the shared short codes` }]);
    const now = ctx.clock.now().toISOString();
    const added = await tx
      .insertInto('account_short_codes')
      .values({ api_key: account.api_key, code: pooled.code, primary_api_key: primary.api_key, template: null, messages_per_day: null, terms_url: null, privacy_url: null, created_at: now, updated_at: now })
      .onConflict((conflict) => conflict.columns(['api_key', 'code']).doNothing())
      .returning('code')
      .executeTakeFirst();
    if (!added) {
      throw new ProblemError({ status: 409, title: 'Short code already added', detail: `This account already has short code ${pooled.code}.`, invalidParameters: [{ name: 'code', reason: 'This account already has it' }] });
    }
    await recordActivity(tx, ctx.clock, author, {
      kind: 'short_code.added',
      primaryApiKey: primary.api_key,
      apiKey: account.api_key,
      objectId: pooled.code,
      changes: [
        { field: 'short_code', before: null, after: pooled.code },
        { field: 'purpose', before: null, after: shortCodePurposeLabels[pooled.purpose] },
      ],
    });
  });
  return readShortCode(ctx.db, body.api_key, body.code);
}

/** Saves the message template and the opt-in values ("Update"). */
export async function configureShortCode(ctx: AppContext, account: Account, code: string, body: ConfigureShortCode, author: ActivityAuthor): Promise<ShortCode> {
  await inTransaction(ctx.database, async (tx) => {
    const before = await readShortCode(tx, account.api_key, code);
    if (before.purpose !== body.purpose) {
      throw invalidInput([{ name: 'purpose', reason: `${code} is for ${shortCodePurposeLabels[before.purpose].toLowerCase()}` }]);
    }
    const values = { template: body.template, messages_per_day: body.messages_per_day, terms_url: body.terms_url, privacy_url: body.privacy_url };
    await tx
      .updateTable('account_short_codes')
      .set({ ...values, updated_at: ctx.clock.now().toISOString() })
      .where('api_key', '=', account.api_key)
      .where('code', '=', code)
      .execute();
    const changes = changesBetween({ template: before.template, messages_per_day: before.messages_per_day, terms_url: before.terms_url, privacy_url: before.privacy_url }, values, [
      'template',
      'messages_per_day',
      'terms_url',
      'privacy_url',
    ]);
    if (changes.length > 0) {
      await recordActivity(tx, ctx.clock, author, { kind: 'short_code.configured', primaryApiKey: account.primary_api_key, apiKey: account.api_key, objectId: code, changes });
    }
  });
  return readShortCode(ctx.db, account.api_key, code);
}

/** The account stops using the code; its template and opt-in values go with it. */
export async function releaseShortCode(ctx: AppContext, account: Account, code: string, author: ActivityAuthor): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    const removed = await tx.deleteFrom('account_short_codes').where('api_key', '=', account.api_key).where('code', '=', code).returning('code').executeTakeFirst();
    if (!removed) throw notFound(code);
    await recordActivity(tx, ctx.clock, author, {
      kind: 'short_code.released',
      primaryApiKey: account.primary_api_key,
      apiKey: account.api_key,
      objectId: code,
      changes: [{ field: 'short_code', before: code, after: null }],
    });
  });
}

/** Whether `number` is a short code of the pool in `country`: transfer-number then moves it instead of a rented number. */
export async function isShortCode(tx: Tx, number: string, country: string): Promise<boolean> {
  return (await tx.selectFrom('short_codes').select('code').where('code', '=', number).where('country', '=', country).executeTakeFirst()) !== undefined;
}

/** The accounts of a family holding a short code. */
export async function shortCodeHolders(tx: Tx, primaryApiKey: string, code: string): Promise<string[]> {
  const rows = await tx.selectFrom('account_short_codes').select('api_key').where('primary_api_key', '=', primaryApiKey).where('code', '=', code).execute();
  return rows.map((row) => row.api_key);
}

/**
 * Moves a family's short code from one account to another, its configuration with it; transfer-number
 * checked the relationship, the suspensions and that `from` holds it and `to` does not, and records it.
 */
export async function moveShortCode(ctx: AppContext, tx: Tx, move: { code: string; from: string; to: string }): Promise<void> {
  // Guarded by the holders read before: a concurrent move or release makes this update miss, and the transaction fail.
  await tx
    .updateTable('account_short_codes')
    .set({ api_key: move.to, updated_at: ctx.clock.now().toISOString() })
    .where('api_key', '=', move.from)
    .where('code', '=', move.code)
    .returning('code')
    .executeTakeFirstOrThrow();
}
