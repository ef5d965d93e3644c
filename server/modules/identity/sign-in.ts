import { MEMBER_DISABLED } from '../../../contract/team.js';
import { TWO_FACTOR_REQUIRED } from '../../../contract/two-factor-required.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import { userAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { MINUTE } from '../../platform/clock.js';
import { hashSecret, verifySecret } from '../../platform/passwords.js';
import { ProblemError, tooManyRequests } from '../../platform/problems.js';
import { spendSecondFactor } from '../profile/second-factor.js';
import { assertTemporaryPasswordValid } from './temporary-password.js';

export const LOGIN_WINDOW = 15 * MINUTE;
export const LOGIN_MAX_FAILURES = 5;

// Compared against when the e-mail is unknown, so that both cases take as long.
const decoyHash = hashSecret('decoy password that never matches');

/**
 * Checks an e-mail and password, and for a user with two-factor sign-in the app's code or a
 * recovery code too. Five failures (of either) within 15 minutes, for the account or from the
 * address, lock further attempts until the oldest of them leaves the window.
 */
export async function signIn(ctx: AppContext, credentials: { email: string; password: string; code?: string }, ip: string): Promise<{ userId: string }> {
  const { email, password, code } = credentials;
  await assertNotLocked(ctx, email, ip);
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'primary_api_key', 'password_hash', 'totp_secret', 'totp_last_step', 'disabled_at', 'temporary_password_expires_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  const matches = await verifySecret(user?.password_hash ?? (await decoyHash), password);
  if (user && matches) {
    assertMaySignIn(ctx, user);
    const { totp_secret: totpSecret } = user;
    if (totpSecret !== null && !code) throw twoFactorRequired();
    const signedIn = await inTransaction(ctx.database, async (tx) => {
      const method = totpSecret === null ? 'password' : await spendSecondFactor(tx, ctx.clock, { ...user, totp_secret: ctx.secretBox.open(totpSecret) }, code ?? '');
      if (!method) return false;
      await tx.deleteFrom('login_failures').where('email', '=', email).execute();
      await tx.updateTable('users').set({ last_sign_in_at: ctx.clock.now().toISOString() }).where('id', '=', user.id).execute();
      await recordActivity(tx, ctx.clock, userAuthor(user, ip), {
        kind: 'user.signed_in',
        primaryApiKey: user.primary_api_key,
        apiKey: null,
        objectId: user.id,
        changes: [{ field: 'method', before: null, after: method }],
      });
      return true;
    });
    if (signedIn) return { userId: user.id };
  }
  await ctx.db.insertInto('login_failures').values({ email, ip, created_at: ctx.clock.now().toISOString() }).execute();
  await assertNotLocked(ctx, email, ip);
  if (user && matches) {
    throw new ProblemError({ status: 401, type: TWO_FACTOR_REQUIRED, title: 'Sign-in failed', detail: 'This code is not valid: use the code your app shows now, or an unused recovery code.' });
  }
  throw new ProblemError({ status: 401, title: 'Sign-in failed', detail: 'The e-mail address or password is incorrect.' });
}

/**
 * With the right password, a disabled member or an invitation whose temporary password expired is
 * told so (and how to get back in); nobody else learns either.
 */
function assertMaySignIn(ctx: AppContext, user: { disabled_at: string | null; temporary_password_expires_at: string | null }): void {
  if (user.disabled_at !== null) {
    throw new ProblemError({
      status: 403,
      type: MEMBER_DISABLED,
      title: 'Access disabled',
      detail: 'An administrator of your account has disabled your access. Ask them to enable it again.',
    });
  }
  assertTemporaryPasswordValid(ctx.clock, user.temporary_password_expires_at);
}

const twoFactorRequired = () =>
  new ProblemError({
    status: 401,
    type: TWO_FACTOR_REQUIRED,
    title: 'Two-factor code required',
    detail: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
  });

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
