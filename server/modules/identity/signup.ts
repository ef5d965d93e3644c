import { sql } from 'kysely';
import type { PinChannel, SignupStatus } from '../../../contract/identity.js';
import type { SignupRequest } from '../../../contract/signup.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { PinChallenge, Signup } from '../../db/schema.js';
import type { AbuseLimit } from '../../platform/abuse-limits.js';
import { HOUR } from '../../platform/clock.js';
import { newId, newPin } from '../../platform/ids.js';
import { hashSecret } from '../../platform/passwords.js';
import { PIN_MAX_ATTEMPTS, PIN_RESEND_COOLDOWN, PIN_TTL, checkPin, pinProblem } from '../../platform/pin-check.js';
import { ProblemError, fieldError, notFound, tooManyRequests } from '../../platform/problems.js';
import { maskPhone, normalisePhone } from './phone.js';
import { registerCompany, registeredAs, type RegisteredCompany } from './register-company.js';
import { sendPin } from './pin-delivery.js';

export const PIN_MAX_SENDS = 5;
export const SIGNUPS_PER_EMAIL_PER_HOUR = 3;
export const PIN_SENDS_PER_PHONE_PER_HOUR = 3;
export const PIN_ATTEMPTS_PER_PHONE_PER_DAY = 10;

export type StartedSignup = { kind: 'pending'; status: SignupStatus } | { kind: 'review'; message: string };

/** Every PIN sent costs money and gives guesses: limited per phone and per client address. */
const pinSendLimits = (ctx: AppContext, phone: string, ip: string): AbuseLimit[] => [
  { subject: `pin-send:phone:${phone}`, max: PIN_SENDS_PER_PHONE_PER_HOUR, windowMs: HOUR },
  { subject: `pin-send:ip:${ip}`, max: ctx.config.SIGNUPS_PER_ADDRESS_PER_HOUR, windowMs: HOUR },
];

/**
 * Starts a sign-up. It answers the same whether or not the e-mail or phone already has an account
 * (no enumeration): then no PIN is sent and the owner is told instead, by e-mail or SMS.
 */
export async function startSignup(ctx: AppContext, input: SignupRequest, ip: string): Promise<StartedSignup> {
  const phone = normalisePhone(input.phone, input.country);
  if (!phone) throw fieldError('phone', 'Enter a valid phone number for the chosen country');
  const signupSubjects = [`signup:email:${input.email.toLowerCase()}`, `signup:ip:${ip}`];
  await ctx.abuseLimits.assertWithin(
    [
      { subject: signupSubjects[0], max: SIGNUPS_PER_EMAIL_PER_HOUR, windowMs: HOUR },
      { subject: signupSubjects[1], max: ctx.config.SIGNUPS_PER_ADDRESS_PER_HOUR, windowMs: HOUR },
      ...pinSendLimits(ctx, phone.e164, ip),
    ],
    'Too many sign-ups.',
  );
  await ctx.abuseLimits.record(...signupSubjects);
  const taken = await registeredAs(ctx.db, input.email, phone.e164);

  const review = ctx.config.SIGNUP_REVIEW_COUNTRIES.includes(phone.country);
  const signup: Signup = {
    id: newId(),
    company_name: input.company_name,
    name: input.name,
    email: input.email,
    password_hash: await hashSecret(input.password),
    phone: phone.e164,
    country: phone.country,
    status: review ? 'review' : 'pending',
    pins_sent: 0,
    api_key: null,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.insertInto('signups').values(signup).execute();
  if (taken) await tellOwner(ctx, taken, input.email, phone.e164);
  if (review) {
    return {
      kind: 'review',
      message: 'Thank you. Sign-ups from your country are reviewed by our team: we will contact you by e-mail within two working days.',
    };
  }
  const challenge = await issuePin(ctx, signup, input.pin_channel, ip, { deliver: !taken });
  return { kind: 'pending', status: describe(ctx, { ...signup, pins_sent: 1 }, challenge) };
}

async function tellOwner(ctx: AppContext, taken: 'email' | 'phone', email: string, phone: string): Promise<void> {
  const notice = 'Someone tried to create a new Switchboard account with your';
  if (taken === 'email') {
    await ctx.mailer.send({
      to: email,
      subject: 'Someone tried to sign up with your e-mail address',
      text: `${notice} e-mail address. You already have an account: sign in, or reset your password if you forgot it. If this was not you, ignore this e-mail.`,
    });
    return;
  }
  await ctx.carrier.deliver({ to: phone, channel: 'sms', text: `${notice} phone number, which already belongs to an account. If this was not you, ignore this message.` });
}

export async function signupStatus(ctx: AppContext, signupId: string): Promise<SignupStatus> {
  const signup = await loadSignup(ctx, signupId);
  if (signup.status === 'replaced') throw replaced();
  const challenge = await latestChallenge(ctx, signupId);
  if (!challenge) throw notFound(`Sign-up ${signupId} has no PIN yet`);
  return describe(ctx, signup, challenge);
}

export async function resendPin(ctx: AppContext, signupId: string, channel: PinChannel, ip: string): Promise<SignupStatus> {
  const signup = await loadPendingSignup(ctx, signupId);
  const last = await latestChallenge(ctx, signupId);
  const now = ctx.clock.now().getTime();
  if (last) {
    const wait = new Date(last.sent_at).getTime() + PIN_RESEND_COOLDOWN - now;
    if (wait > 0) throw tooManyRequests(`You can request a new PIN in ${Math.ceil(wait / 1000)} seconds.`, wait / 1000);
  }
  if (signup.pins_sent >= PIN_MAX_SENDS) {
    throw new ProblemError({
      status: 429,
      title: 'Too many PINs',
      detail: `We have sent ${PIN_MAX_SENDS} PINs for this sign-up. Start the sign-up again or contact support.`,
    });
  }
  await ctx.abuseLimits.assertWithin(pinSendLimits(ctx, signup.phone, ip), 'Too many PINs for this phone number.');
  const taken = await registeredAs(ctx.db, signup.email, signup.phone);
  const challenge = await issuePin(ctx, signup, channel, ip, { deliver: !taken });
  return describe(ctx, { ...signup, pins_sent: signup.pins_sent + 1 }, challenge);
}

/** Checks the sign-up's PIN (see checkPin); only a correct PIN creates the account. */
export async function verifySignupPin(ctx: AppContext, signupId: string, pin: string): Promise<RegisteredCompany> {
  const signup = await loadPendingSignup(ctx, signupId);
  const challenge = await latestChallenge(ctx, signupId);
  if (!challenge || challenge.status !== 'active') throw pinProblem('This PIN is no longer valid. Request a new one.', 0);
  const attemptsOfPhone = `pin-attempt:phone:${signup.phone}`;
  await ctx.abuseLimits.assertWithin(
    [{ subject: attemptsOfPhone, max: PIN_ATTEMPTS_PER_PHONE_PER_DAY, windowMs: 24 * HOUR }],
    'Too many PIN attempts for this phone number.',
  );
  await checkPin(ctx.clock, {
    pinHash: challenge.pin_hash,
    expiresAt: challenge.expires_at,
    countAttempt: async () => {
      const counted = await ctx.db
        .updateTable('pin_challenges')
        .set({ failed_attempts: sql<number>`failed_attempts + 1` })
        .where('id', '=', challenge.id)
        .where('status', '=', 'active')
        .where('failed_attempts', '<', PIN_MAX_ATTEMPTS)
        .returning('failed_attempts')
        .executeTakeFirst();
      if (counted) await ctx.abuseLimits.record(attemptsOfPhone);
      return counted?.failed_attempts ?? null;
    },
    voidPin: async () => {
      await ctx.db.updateTable('pin_challenges').set({ status: 'voided' }).where('id', '=', challenge.id).execute();
    },
  }, pin);

  const registered = await registerCompany(
    ctx,
    { companyName: signup.company_name, name: signup.name, email: signup.email, passwordHash: signup.password_hash, phone: signup.phone },
    async (tx) => {
      const used = await tx
        .updateTable('pin_challenges')
        .set({ status: 'used' })
        .where('id', '=', challenge.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw pinProblem('This PIN is no longer valid. Request a new one.', 0);
      await tx.updateTable('signups').set({ status: 'verified' }).where('id', '=', signup.id).execute();
    },
  );
  await ctx.db.updateTable('signups').set({ api_key: registered.apiKey }).where('id', '=', signup.id).execute();
  return registered;
}

/**
 * Issues a new PIN for a sign-up. A phone has one pending sign-up at a time: this replaces the PINs
 * of its other pending sign-ups, and a new sign-up takes over their wrong attempts.
 */
async function issuePin(ctx: AppContext, signup: Signup, channel: PinChannel, ip: string, { deliver }: { deliver: boolean }): Promise<PinChallenge> {
  const pin = newPin();
  const sentAt = ctx.clock.now();
  const challenge: PinChallenge = {
    id: newId(),
    signup_id: signup.id,
    channel,
    pin_hash: await hashSecret(pin),
    failed_attempts: 0,
    status: 'active',
    sent_at: sentAt.toISOString(),
    expires_at: new Date(sentAt.getTime() + PIN_TTL).toISOString(),
  };
  await ctx.abuseLimits.record(`pin-send:phone:${signup.phone}`, `pin-send:ip:${ip}`);
  await inTransaction(ctx.database, async (tx) => {
    const others = tx.selectFrom('signups').select('id').where('phone', '=', signup.phone).where('status', '=', 'pending').where('id', '!=', signup.id);
    const inherited = await tx
      .selectFrom('pin_challenges')
      .select((eb) => eb.fn.max('failed_attempts').as('attempts'))
      .where('signup_id', 'in', others)
      .where('status', '=', 'active')
      .executeTakeFirst();
    challenge.failed_attempts = Math.min(PIN_MAX_ATTEMPTS, Number(inherited?.attempts ?? 0));
    await tx
      .updateTable('pin_challenges')
      .set({ status: 'replaced' })
      .where((eb) => eb.or([eb('signup_id', '=', signup.id), eb('signup_id', 'in', others)]))
      .where('status', '=', 'active')
      .execute();
    await tx.updateTable('signups').set({ status: 'replaced' }).where('id', 'in', others).execute();
    await tx.insertInto('pin_challenges').values(challenge).execute();
    await tx.updateTable('signups').set({ pins_sent: sql<number>`pins_sent + 1` }).where('id', '=', signup.id).execute();
  });
  if (deliver) await sendPin(ctx.carrier, signup.phone, pin, channel);
  return challenge;
}

async function loadSignup(ctx: AppContext, signupId: string): Promise<Signup> {
  const signup = await ctx.db.selectFrom('signups').selectAll().where('id', '=', signupId).executeTakeFirst();
  if (!signup) throw notFound(`Sign-up ${signupId} not found`);
  return signup;
}

async function loadPendingSignup(ctx: AppContext, signupId: string): Promise<Signup> {
  const signup = await loadSignup(ctx, signupId);
  if (signup.status === 'verified') {
    throw new ProblemError({ status: 409, title: 'Already verified', detail: 'This sign-up is already verified. Sign in to continue.' });
  }
  if (signup.status === 'review') {
    throw new ProblemError({ status: 409, title: 'Awaiting review', detail: 'This sign-up awaits manual review by our team.' });
  }
  if (signup.status === 'replaced') throw replaced();
  return signup;
}

function latestChallenge(ctx: AppContext, signupId: string): Promise<PinChallenge | undefined> {
  return ctx.db
    .selectFrom('pin_challenges')
    .selectAll()
    .where('signup_id', '=', signupId)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

function describe(ctx: AppContext, signup: Signup, challenge: PinChallenge): SignupStatus {
  if (signup.status === 'replaced') throw replaced();
  return {
    signup_id: signup.id,
    status: signup.status,
    phone_masked: maskPhone(signup.phone),
    channel: challenge.channel,
    expires_at: challenge.expires_at,
    resend_available_at: new Date(new Date(challenge.sent_at).getTime() + PIN_RESEND_COOLDOWN).toISOString(),
    attempts_left: challenge.status === 'active' ? PIN_MAX_ATTEMPTS - challenge.failed_attempts : 0,
    server_time: ctx.clock.now().toISOString(),
  };
}

const replaced = () =>
  new ProblemError({ status: 409, title: 'Replaced', detail: 'A newer sign-up for this phone number replaced this one. Use the newest PIN.' });
