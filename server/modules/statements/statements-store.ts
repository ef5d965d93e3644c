import type { Db } from '../../db/database.js';
import type { AppContext } from '../../context.js';
import { fieldError } from '../../platform/problems.js';
import { computeStatement, monthAfter, monthStart, monthOfDate, type StatementData, type StatementSubject } from './statement.js';

/**
 * A month's statement. A family's statement of a closed month is the one the `monthly-statements` job
 * stored (computed on the spot and stored if the job has not got to it yet); one account's, a scoped
 * member's or the running month's is computed from the ledger. A closed month's entries never change,
 * so both give the same figures.
 */
export async function statementFor(ctx: Pick<AppContext, 'db' | 'clock'>, subject: StatementSubject): Promise<StatementData> {
  const now = ctx.clock.now();
  if (monthStart(subject.month) > now) throw fieldError('month', 'This month has not started yet');
  const whole = !subject.apiKey && !subject.visibleAccounts;
  if (!whole || monthAfter(subject.month) > now) return computeStatement(ctx.db, subject, now);
  const stored = await storedStatement(ctx.db, subject.primaryApiKey, subject.month);
  if (stored) return stored;
  const computed = await computeStatement(ctx.db, subject, now);
  await storeStatement(ctx.db, computed);
  return (await storedStatement(ctx.db, subject.primaryApiKey, subject.month)) ?? computed;
}

async function storedStatement(db: Db, primaryApiKey: string, month: string): Promise<StatementData | null> {
  const row = await db.selectFrom('statements').select('body').where('primary_api_key', '=', primaryApiKey).where('month', '=', month).executeTakeFirst();
  return row ? (JSON.parse(row.body) as StatementData) : null;
}

/** Stores a family's statement of a closed month once: whoever stores it first, the job or a request, wins. */
export async function storeStatement(db: Db, statement: StatementData): Promise<void> {
  await db
    .insertInto('statements')
    .values({ primary_api_key: statement.primary_api_key, month: statement.month, body: JSON.stringify(statement), created_at: statement.generated_at })
    .onConflict((conflict) => conflict.columns(['primary_api_key', 'month']).doNothing())
    .execute();
}

/** The month before the one `date` falls in. */
export function previousMonth(date: Date): string {
  return monthOfDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1)));
}
