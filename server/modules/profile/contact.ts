import { sql } from 'kysely';
import {
  EMAIL_CHANGE_LINK_HOURS,
  type EmailChangeRequest,
  type PhoneChangeRequest,
  type PhoneChangeStatus,
  type Profile,
  type updateContactRequestSchema,
} from '../../../contract/profile.js';
import type { z } from 'zod';
import { publicUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { PhoneChangesTable } from '../../db/schema.js';
import { phoneTaken } from '../../platform/accounts/accounts-repository.js';
import { userAuthor, type ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { HOUR } from '../../platform/clock.js';
import { newId, newPin, newToken, sha256 } from '../../platform/ids.js';
import { hashSecret, verifySecret } from '../../platform/passwords.js';
import { PIN_MAX_ATTEMPTS, PIN_RESEND_COOLDOWN, PIN_TTL, checkPin, pinProblem } from '../../platform/pin-check.js';
import { ProblemError, fieldError, tooManyRequests } from '../../platform/problems.js';
import { maskPhone, normalisePhone } from '../identity/phone.js';
import { sendPin } from '../identity/pin-delivery.js';
import { PIN_SENDS_PER_PHONE_PER_HOUR } from '../identity/signup.js';

export const EMAIL_CHANGES_PER_USER_PER_HOUR = 5;

/** The user's contact details, and the new address of an e-mail change still waiting for its link. */
export async function readProfile(ctx: AppContext, userId: string): Promise<Profile> {
  const user = await ctx.db.selectFrom('users').select(['name', 'email', 'phone', 'skype']).where('id', '=', userId).executeTakeFirstOrThrow();
  const pending = await ctx.db
    .selectFrom('email_changes')
    .select('new_email')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', ctx.clock.now().toISOString())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { ...user, pending_email: pending?.new_email ?? null };
}

/** Name and Skype name: changed at once. */
export async function updateContact(ctx: AppContext, userId: string, update: z.output<typeof updateContactRequestSchema>, author: ActivityAuthor): Promise<Profile> {
  await inTransaction(ctx.database, async (tx) => {
    const before = await tx.selectFrom('users').select(['primary_api_key', 'name', 'skype']).where('id', '=', userId).executeTakeFirstOrThrow();
    const changes = changesBetween(before, update, ['name', 'skype']);
    if (changes.length === 0) return;
    await tx.updateTable('users').set(update).where('id', '=', userId).execute();
    await recordActivity(tx, ctx.clock, author, { kind: 'profile.updated', primaryApiKey: before.primary_api_key, apiKey: null, objectId: userId, changes });
  });
  return readProfile(ctx, userId);
}

const emailTaken = () =>
  new ProblemError({
    status: 409,
    title: 'E-mail address taken',
    detail: 'This e-mail address already belongs to a Switchboard user.',
    invalidParameters: [{ name: 'email', reason: 'This e-mail address already belongs to a Switchboard user' }],
  });

/**
 * Sends a confirmation link to the new address (valid 24 hours); the old address stays until it is
 * opened. The password is asked again, and the old address is told, so that a stolen session alone
 * cannot quietly move the account to another mailbox. Only the newest link works.
 */
export async function requestEmailChange(ctx: AppContext, userId: string, request: EmailChangeRequest, author: ActivityAuthor): Promise<Profile> {
  const user = await ctx.db.selectFrom('users').select(['primary_api_key', 'name', 'email', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifySecret(user.password_hash, request.password))) throw fieldError('password', 'This is not your current password.');
  if (request.email === user.email) throw fieldError('email', 'This is already your e-mail address.');
  const subject = `email-change:user:${userId}`;
  await ctx.abuseLimits.assertWithin([{ subject, max: EMAIL_CHANGES_PER_USER_PER_HOUR, windowMs: HOUR }], 'Too many e-mail changes requested.');
  if (await ctx.db.selectFrom('users').select('id').where('email', '=', request.email).executeTakeFirst()) throw emailTaken();
  await ctx.abuseLimits.record(subject);

  const token = newToken();
  const now = ctx.clock.now();
  await inTransaction(ctx.database, async (tx) => {
    await tx.deleteFrom('email_changes').where('user_id', '=', userId).where('used_at', 'is', null).execute();
    await tx
      .insertInto('email_changes')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        new_email: request.email,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + EMAIL_CHANGE_LINK_HOURS * HOUR).toISOString(),
        used_at: null,
      })
      .execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'profile.email_change_requested',
      primaryApiKey: user.primary_api_key,
      apiKey: null,
      objectId: userId,
      changes: [{ field: 'new_email', before: null, after: request.email }],
    });
  });
  const link = `${publicUrl(ctx.config)}/profile/email/confirm?token=${token}`;
  await ctx.mailer.send({
    to: request.email,
    subject: 'Confirm your new Switchboard e-mail address',
    text: [
      `Hello ${user.name},`,
      '',
      `To use this address for your Switchboard account from now on, open this link within ${EMAIL_CHANGE_LINK_HOURS} hours:`,
      '',
      link,
      '',
      `Until then your account keeps using ${user.email}. If you did not ask for this, ignore this e-mail.`,
    ].join('\n'),
  });
  await ctx.mailer.send({
    to: user.email,
    subject: 'Your Switchboard e-mail address is about to change',
    text: [
      `Hello ${user.name},`,
      '',
      `Someone signed in to your Switchboard account asked to change its e-mail address to ${request.email}.`,
      'Nothing changes until the link sent there is opened. If this was not you, change your password and sign out every other session.',
    ].join('\n'),
  });
  return readProfile(ctx, userId);
}

const linkNotValid = () =>
  new ProblemError({
    status: 410,
    title: 'Link no longer valid',
    detail: `This confirmation link has expired (links are valid ${EMAIL_CHANGE_LINK_HOURS} hours), was replaced by a newer one or was already used. Request the change again from your profile.`,
    invalidParameters: [{ name: 'token', reason: 'This link has expired or was already used' }],
  });

/** The link from the new mailbox: the address changes now, in one transaction with its activity entry. */
export async function confirmEmailChange(ctx: AppContext, token: string, ip: string): Promise<{ email: string }> {
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx.database, async (tx) => {
    const change = await tx
      .selectFrom('email_changes')
      .innerJoin('users', 'users.id', 'email_changes.user_id')
      .select(['email_changes.token_hash', 'email_changes.new_email', 'email_changes.expires_at', 'email_changes.used_at', 'users.id', 'users.name', 'users.email', 'users.primary_api_key'])
      .where('email_changes.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!change || change.used_at !== null || change.expires_at <= now) throw linkNotValid();
    const used = await tx.updateTable('email_changes').set({ used_at: now }).where('token_hash', '=', change.token_hash).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw linkNotValid();
    if (await tx.selectFrom('users').select('id').where('email', '=', change.new_email).executeTakeFirst()) throw emailTaken();
    await tx.updateTable('users').set({ email: change.new_email }).where('id', '=', change.id).execute();
    await recordActivity(tx, ctx.clock, userAuthor(change, ip), {
      kind: 'profile.email_changed',
      primaryApiKey: change.primary_api_key,
      apiKey: null,
      objectId: change.id,
      changes: [{ field: 'email', before: change.email, after: change.new_email }],
    });
    return { email: change.new_email };
  });
}

const phoneInUse = () =>
  new ProblemError({
    status: 409,
    title: 'Phone number taken',
    detail: 'This phone number already belongs to a Switchboard account. Each phone number belongs to one account only.',
    invalidParameters: [{ name: 'phone', reason: 'This phone number already belongs to a Switchboard account' }],
  });

function describePhoneChange(ctx: AppContext, change: Pick<PhoneChangesTable, 'phone' | 'sent_at' | 'expires_at' | 'failed_attempts' | 'status'>): PhoneChangeStatus {
  return {
    phone_masked: maskPhone(change.phone),
    expires_at: change.expires_at,
    resend_available_at: new Date(new Date(change.sent_at).getTime() + PIN_RESEND_COOLDOWN).toISOString(),
    attempts_left: change.status === 'active' ? PIN_MAX_ATTEMPTS - change.failed_attempts : 0,
    server_time: ctx.clock.now().toISOString(),
  };
}

/**
 * Sends a PIN to the new number, as sign-up does (same PIN rules, same per-phone and per-address
 * limits). A number that belongs to any account is refused. A new PIN replaces the previous one.
 */
export async function startPhoneChange(ctx: AppContext, userId: string, request: PhoneChangeRequest, ip: string, author: ActivityAuthor): Promise<PhoneChangeStatus> {
  const phone = normalisePhone(request.phone, request.country);
  if (!phone) throw fieldError('phone', 'Enter a valid phone number for the chosen country');
  const user = await ctx.db.selectFrom('users').select(['primary_api_key', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.phone === phone.e164) throw fieldError('phone', 'This is already your phone number.');
  if (await phoneTaken(ctx.db, phone.e164)) throw phoneInUse();
  const last = await ctx.db.selectFrom('phone_changes').select('sent_at').where('user_id', '=', userId).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
  const now = ctx.clock.now();
  const wait = last ? new Date(last.sent_at).getTime() + PIN_RESEND_COOLDOWN - now.getTime() : 0;
  if (wait > 0) throw tooManyRequests(`You can request a new PIN in ${Math.ceil(wait / 1000)} seconds.`, wait / 1000);
  const sends = [`pin-send:phone:${phone.e164}`, `pin-send:ip:${ip}`];
  await ctx.abuseLimits.assertWithin(
    [
      { subject: sends[0], max: PIN_SENDS_PER_PHONE_PER_HOUR, windowMs: HOUR },
      { subject: sends[1], max: ctx.config.SIGNUPS_PER_ADDRESS_PER_HOUR, windowMs: HOUR },
    ],
    'Too many PINs for this phone number.',
  );
  await ctx.abuseLimits.record(...sends);

  const pin = newPin();
  const change = {
    id: newId(),
    user_id: userId,
    phone: phone.e164,
    pin_hash: await hashSecret(pin),
    failed_attempts: 0,
    status: 'active' as const,
    sent_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PIN_TTL).toISOString(),
  };
  await inTransaction(ctx.database, async (tx) => {
    await tx.updateTable('phone_changes').set({ status: 'replaced' }).where('user_id', '=', userId).where('status', '=', 'active').execute();
    await tx.insertInto('phone_changes').values(change).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'profile.phone_change_requested',
      primaryApiKey: user.primary_api_key,
      apiKey: null,
      objectId: userId,
      changes: [{ field: 'new_phone', before: null, after: phone.e164 }],
    });
  });
  await sendPin(ctx.carrier, phone.e164, pin, 'sms');
  return describePhoneChange(ctx, change);
}

/** The PIN from the new phone: the number changes (and, for the owner, the account's verified phone). */
export async function verifyPhoneChange(ctx: AppContext, userId: string, pin: string, author: ActivityAuthor): Promise<{ phone: string }> {
  const change = await ctx.db.selectFrom('phone_changes').selectAll().where('user_id', '=', userId).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
  if (!change || change.status !== 'active') throw pinProblem('No PIN is waiting: enter your new number to get one.', 0);
  await checkPin(
    ctx.clock,
    {
      pinHash: change.pin_hash,
      expiresAt: change.expires_at,
      countAttempt: async () => {
        const counted = await ctx.db
          .updateTable('phone_changes')
          .set({ failed_attempts: sql<number>`failed_attempts + 1` })
          .where('id', '=', change.id)
          .where('status', '=', 'active')
          .where('failed_attempts', '<', PIN_MAX_ATTEMPTS)
          .returning('failed_attempts')
          .executeTakeFirst();
        return counted?.failed_attempts ?? null;
      },
      voidPin: async () => {
        await ctx.db.updateTable('phone_changes').set({ status: 'voided' }).where('id', '=', change.id).execute();
      },
    },
    pin,
  );
  await inTransaction(ctx.database, async (tx) => {
    const used = await tx.updateTable('phone_changes').set({ status: 'used' }).where('id', '=', change.id).where('status', '=', 'active').executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw pinProblem('This PIN is no longer valid. Request a new one.', 0);
    const user = await tx.selectFrom('users').select(['primary_api_key', 'phone', 'owner']).where('id', '=', userId).executeTakeFirstOrThrow();
    if (await phoneTaken(tx, change.phone)) throw phoneInUse();
    await tx.updateTable('users').set({ phone: change.phone }).where('id', '=', userId).execute();
    if (user.owner === 1) await tx.updateTable('accounts').set({ phone: change.phone }).where('api_key', '=', user.primary_api_key).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'profile.phone_changed',
      primaryApiKey: user.primary_api_key,
      apiKey: null,
      objectId: userId,
      changes: [{ field: 'phone', before: user.phone, after: change.phone }],
    });
  });
  return { phone: change.phone };
}

