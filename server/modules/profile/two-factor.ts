import { generateSecret, generateURI } from 'otplib';
import QRCode from 'qrcode';
import { RECOVERY_CODE_COUNT, type RecoveryCodes, type TwoFactorEnrolment, type TwoFactorStatus } from '../../../contract/profile.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { verifySecret } from '../../platform/passwords.js';
import { ProblemError, fieldError } from '../../platform/problems.js';
import { newRecoveryCodes, spendSecondFactor, totpTimeStep } from './second-factor.js';

const ISSUER = 'Switchboard';

export async function twoFactorStatus(ctx: AppContext, userId: string): Promise<TwoFactorStatus> {
  const user = await ctx.db.selectFrom('users').select('totp_secret').where('id', '=', userId).executeTakeFirstOrThrow();
  const { count } = await ctx.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enabled: user.totp_secret !== null, recovery_codes_left: user.totp_secret === null ? 0 : Number(count) };
}

const alreadyOn = () =>
  new ProblemError({ status: 409, title: 'Two-factor sign-in is already on', detail: 'Turn it off first to enrol another authenticator app.' });

/** A new secret for the authenticator app, waiting for a confirming code before it counts. */
export async function startTwoFactorEnrolment(ctx: AppContext, userId: string): Promise<TwoFactorEnrolment> {
  const user = await ctx.db.selectFrom('users').select(['email', 'totp_secret']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.totp_secret !== null) throw alreadyOn();
  const secret = generateSecret();
  await ctx.db.updateTable('users').set({ totp_pending_secret: ctx.secretBox.seal(secret) }).where('id', '=', userId).execute();
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret });
  return { secret, otpauth_uri: otpauthUri, qr_svg: await QRCode.toString(otpauthUri, { type: 'svg', margin: 1 }) };
}

/** The app's first code proves it holds the secret: two-factor sign-in is on and the recovery codes are shown once. */
export async function confirmTwoFactorEnrolment(ctx: AppContext, userId: string, code: string, author: ActivityAuthor): Promise<RecoveryCodes> {
  const { codes, hashes } = newRecoveryCodes(RECOVERY_CODE_COUNT);
  return inTransaction(ctx.database, async (tx) => {
    const user = await tx.selectFrom('users').select(['primary_api_key', 'totp_secret', 'totp_pending_secret']).where('id', '=', userId).executeTakeFirstOrThrow();
    if (user.totp_secret !== null) throw alreadyOn();
    if (user.totp_pending_secret === null) throw fieldError('code', 'Start the set-up again: scan a new QR code first.');
    const step = await totpTimeStep(ctx.secretBox.open(user.totp_pending_secret), code, ctx.clock, null);
    if (step === null) throw fieldError('code', 'This code is not the one your app shows now. Check the app and try again.');
    await tx
      .updateTable('users')
      .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step })
      .where('id', '=', userId)
      .execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await tx
      .insertInto('recovery_codes')
      .values(hashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash, used_at: null })))
      .execute();
    await recordActivity(tx, ctx.clock, author, { kind: 'user.two_factor_enabled', primaryApiKey: user.primary_api_key, apiKey: null, objectId: userId });
    return { recovery_codes: codes };
  });
}

/** Turning it off needs both the password and a second factor, so a stolen session alone cannot. */
export async function disableTwoFactor(ctx: AppContext, userId: string, request: { password: string; code: string }, author: ActivityAuthor): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'primary_api_key', 'password_hash', 'totp_secret', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (user.totp_secret === null) throw new ProblemError({ status: 409, title: 'Two-factor sign-in is off', detail: 'There is nothing to turn off.' });
  if (!(await verifySecret(user.password_hash, request.password))) throw fieldError('password', 'This is not your current password.');
  const totpSecret = ctx.secretBox.open(user.totp_secret);
  await inTransaction(ctx.database, async (tx) => {
    if (!(await spendSecondFactor(tx, ctx.clock, { ...user, totp_secret: totpSecret }, request.code))) {
      throw fieldError('code', 'This code is not valid: use the code your app shows now, or an unused recovery code.');
    }
    await tx.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null }).where('id', '=', userId).execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await recordActivity(tx, ctx.clock, author, { kind: 'user.two_factor_disabled', primaryApiKey: user.primary_api_key, apiKey: null, objectId: userId });
  });
}
