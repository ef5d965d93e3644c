import { sql } from 'kysely';
import type { PinChannel, SignupStatus } from '../../../contract/identity.js';
import type { SignupRequest } from '../../../contract/signup.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { PinChallenge, Signup } from '../../db/schema.js';
import { newId, newPin } from '../../platform/ids.js';
import { hashSecret } from '../../platform/passwords.js';
import { PIN_MAX_ATTEMPTS, PIN_RESEND_COOLDOWN, PIN_TTL, checkPin, pinProblem } from '../../platform/pin-check.js';
import { ProblemError, fieldError, notFound, tooManyRequests } from '../../platform/problems.js';
import { maskPhone, normalisePhone } from './phone.js';
import { assertEmailAndPhoneFree, registerCompany, type RegisteredCompany } from './register-company.js';
import { sendPin } from './pin-delivery.js';

export const PIN_MAX_SENDS = 5;

export type StartedSignup = { kind: 'pending'; status: SignupStatus } | { kind: 'review'; message: string };

export async function startSignup(ctx: AppContext, input: SignupRequest): Promise<StartedSignup> {
  const phone = normalisePhone(input.phone, input.country);
  if (!phone) throw fieldError('phone', 'Enter a valid phone number for the chosen country');
  await assertEmailAndPhoneFree(ctx.db, input.email, phone.e164);

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
  if (review) {
    return {
      kind: 'review',
      message: 'Thank you. Sign-ups from your country are reviewed by our team: we will contact you by e-mail within two working days.',
    };
  }
  const challenge = await issuePin(ctx, signup, input.pin_channel);
  return { kind: 'pending', status: describe(ctx, { ...signup, pins_sent: 1 }, challenge) };
}

export async function signupStatus(ctx: AppContext, signupId: string): Promise<SignupStatus> {
  const signup = await loadSignup(ctx, signupId);
  const challenge = await latestChallenge(ctx, signupId);
  if (!challenge) throw notFound(`Sign-up ${signupId} has no PIN yet`);
  return describe(ctx, signup, challenge);
}

export async function resendPin(ctx: AppContext, signupId: string, channel: PinChannel): Promise<SignupStatus> {
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
  const challenge = await issuePin(ctx, signup, channel);
  return describe(ctx, { ...signup, pins_sent: signup.pins_sent + 1 }, challenge);
}

/** Checks the sign-up's PIN (see checkPin); only a correct PIN creates the account. */
export async function verifySignupPin(ctx: AppContext, signupId: string, pin: string): Promise<RegisteredCompany> {
  const signup = await loadPendingSignup(ctx, signupId);
  const challenge = await latestChallenge(ctx, signupId);
  if (!challenge || challenge.status !== 'active') throw pinProblem('This PIN is no longer valid. Request a new one.', 0);
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

async function issuePin(ctx: AppContext, signup: Signup, channel: PinChannel): Promise<PinChallenge> {
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
  await inTransaction(ctx.database, async (tx) => {
    await tx
      .updateTable('pin_challenges')
      .set({ status: 'replaced' })
      .where('signup_id', '=', signup.id)
      .where('status', '=', 'active')
      .execute();
    await tx.insertInto('pin_challenges').values(challenge).execute();
    await tx.updateTable('signups').set({ pins_sent: sql<number>`pins_sent + 1` }).where('id', '=', signup.id).execute();
  });
  await sendPin(ctx.carrier, signup.phone, pin, channel);
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
