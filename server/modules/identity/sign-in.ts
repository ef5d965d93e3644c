import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import { userAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { MINUTE } from '../../platform/clock.js';
import { hashSecret, verifySecret } from '../../platform/passwords.js';
import { ProblemError, tooManyRequests } from '../../platform/problems.js';

export const LOGIN_WINDOW = 15 * MINUTE;
export const LOGIN_MAX_FAILURES = 5;

// Compared against when the e-mail is unknown, so that both cases take as long.
const decoyHash = hashSecret('decoy password that never matches');

/**
 * Checks an e-mail and password. Five failures within 15 minutes, for the account or from the
 * address, lock further attempts until the oldest of them leaves the window.
 */
export async function signIn(ctx: AppContext, email: string, password: string, ip: string): Promise<{ userId: string }> {
  await assertNotLocked(ctx, email, ip);
  const user = await ctx.db.selectFrom('users').select(['id', 'name', 'primary_api_key', 'password_hash']).where('email', '=', email).executeTakeFirst();
  const matches = await verifySecret(user?.password_hash ?? (await decoyHash), password);
  if (user && matches) {
    await inTransaction(ctx.database, async (tx) => {
      await tx.deleteFrom('login_failures').where('email', '=', email).execute();
      await recordActivity(tx, ctx.clock, userAuthor(user, ip), { kind: 'user.signed_in', primaryApiKey: user.primary_api_key, apiKey: null, objectId: user.id });
    });
    return { userId: user.id };
  }
  await ctx.db.insertInto('login_failures').values({ email, ip, created_at: ctx.clock.now().toISOString() }).execute();
  await assertNotLocked(ctx, email, ip);
  throw new ProblemError({ status: 401, title: 'Sign-in failed', detail: 'The e-mail address or password is incorrect.' });
}

async function assertNotLocked(ctx: AppContext, email: string, ip: string): Promise<void> {
  const now = ctx.clock.now().getTime();
  const windowStart = new Date(now - LOGIN_WINDOW).toISOString();
  for (const [column, value] of [['email', email], ['ip', ip]] as const) {
    const failures = await ctx.db
      .selectFrom('login_failures')
      .select('created_at')
      .where(column, '=', value)
      .where('created_at', '>', windowStart)
      .orderBy('created_at', 'desc')
      .limit(LOGIN_MAX_FAILURES)
      .execute();
    if (failures.length >= LOGIN_MAX_FAILURES) {
      const oldest = new Date(failures[LOGIN_MAX_FAILURES - 1].created_at).getTime();
      const wait = (oldest + LOGIN_WINDOW - now) / 1000;
      throw tooManyRequests(
        `Too many failed sign-in attempts. Sign-in is locked for ${Math.ceil(wait / 60)} minutes; you can also reset your password.`,
        wait,
      );
    }
  }
}
