import type { AppContext } from '../../context.js';
import { publicUrl } from '../../config.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { userAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { HOUR, MINUTE } from '../../platform/clock.js';
import type { Email } from '../../platform/delivery/mailer.js';
import { newToken, sha256 } from '../../platform/ids.js';
import { hashSecret } from '../../platform/passwords.js';
import { fieldError } from '../../platform/problems.js';

export const RESET_LINK_TTL = 15 * MINUTE;

export const resetRequestedMessage =
  'If an account uses this e-mail address, we have sent it a link to reset the password. The link is valid for 15 minutes.';

export const RESETS_PER_EMAIL_PER_HOUR = 3;
export const RESETS_PER_ADDRESS_PER_HOUR = 10;

/**
 * Queues the reset e-mail whoever the address belongs to: the request does the same work either way,
 * and the delivery job composes the link only when a user has this address (composePasswordResetMail).
 * Requests are limited per e-mail and per client address whether or not the e-mail has an account.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, ip: string): Promise<void> {
  const subjects = [`reset:email:${email.toLowerCase()}`, `reset:ip:${ip}`];
  await ctx.abuseLimits.assertWithin(
    [
      { subject: subjects[0], max: RESETS_PER_EMAIL_PER_HOUR, windowMs: HOUR },
      { subject: subjects[1], max: RESETS_PER_ADDRESS_PER_HOUR, windowMs: HOUR },
    ],
    'Too many password reset requests.',
  );
  await ctx.abuseLimits.record(...subjects);
  await ctx.mailer.sendTemplate(email, 'password-reset');
}

/** A one-time reset link for the user with this e-mail; null when there is none. */
export async function composePasswordResetMail(ctx: AppContext, email: string): Promise<Email | null> {
  const user = await ctx.db.selectFrom('users').select(['id', 'name']).where('email', '=', email).executeTakeFirst();
  if (!user) return null;
  const token = newToken();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('password_resets')
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + RESET_LINK_TTL).toISOString(),
      used_at: null,
    })
    .execute();
  return {
    to: email,
    subject: 'Reset your Switchboard password',
    text: [
      `Hello ${user.name},`,
      '',
      'Someone asked to reset the password of your Switchboard account. To choose a new password, open:',
      // In the fragment, the token never reaches a server's request line (nor its log, nor a proxy's).
      `${publicUrl(ctx.config)}/reset-password/confirm#token=${token}`,
      '',
      'The link works once and expires in 15 minutes. If you did not ask for this, ignore this e-mail.',
    ].join('\n'),
  };
}

/** Spends a reset link (once, within 15 minutes), voids the user's other links, sets the password and ends every session of the user. */
export async function confirmPasswordReset(ctx: AppContext, token: string, password: string, ip: string): Promise<void> {
  const passwordHash = await hashSecret(password);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx.database, (tx) => resetPassword(ctx, tx, { token, passwordHash, now, ip }));
}

async function resetPassword(ctx: AppContext, tx: Tx, reset: { token: string; passwordHash: string; now: string; ip: string }): Promise<void> {
  const { token, passwordHash, now } = reset;
  const spent = await tx
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', sha256(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  if (!spent) throw fieldError('token', 'This reset link has expired or was already used. Request a new one.');
  await tx.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', spent.user_id).where('used_at', 'is', null).execute();
  const user = await tx
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 0, temporary_password_expires_at: null })
    .where('id', '=', spent.user_id)
    .returning(['id', 'name', 'email', 'primary_api_key'])
    .executeTakeFirstOrThrow();
  await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  await tx.deleteFrom('login_failures').where('email', '=', user.email).execute();
  await recordActivity(tx, ctx.clock, userAuthor(user, reset.ip), { kind: 'user.password_reset', primaryApiKey: user.primary_api_key, apiKey: null, objectId: user.id });
}
