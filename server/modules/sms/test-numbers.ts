import { sql } from 'kysely';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { MAX_TEST_NUMBERS, type AddTestNumberRequest, type TestNumber } from '../../../contract/sms.js';
import type { AppContext } from '../../context.js';
import { inTransaction, lockFamilyAccounts, type Tx } from '../../db/database.js';
import type { AbuseLimit } from '../../platform/abuse-limits.js';
import { DAY, HOUR } from '../../platform/clock.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import type { TestNumbersTable } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { newId, newPin } from '../../platform/ids.js';
import { hashSecret } from '../../platform/passwords.js';
import { PIN_MAX_ATTEMPTS, PIN_RESEND_COOLDOWN, PIN_TTL, checkPin, pinProblem } from '../../platform/pin-check.js';
import { ProblemError, fieldError, invalidInput, notFound, tooManyRequests } from '../../platform/problems.js';
import { destinationCountry } from './destination.js';

/**
 * Test numbers: the destinations an account in DEMO mode may message. Each is proved by a 4-digit
 * PIN sent to it by SMS (argon2id-hashed, 5 minutes, 3 attempts, then it must be resent).
 *
 * Every PIN costs an SMS and gives three guesses, so the limits belong to the phone number and to
 * the account, not to the row: removing a number and adding it again (or adding it to another
 * account) keeps its resend cooldown, its PINs of the hour and its wrong PINs of the day.
 */
export const TEST_PIN_SENDS_PER_ACCOUNT_PER_HOUR = 20;
export const TEST_PIN_SENDS_PER_NUMBER_PER_HOUR = 3;
export const TEST_PIN_ATTEMPTS_PER_NUMBER_PER_DAY = 10;

const pinSendsOfNumber = (msisdn: string) => `test-pin-send:number:${msisdn}`;
const pinSendsOfAccount = (primaryApiKey: string) => `test-pin-send:account:${primaryApiKey}`;
const pinAttemptsOfNumber = (msisdn: string) => `test-pin-attempt:number:${msisdn}`;

type Row = TestNumbersTable;

export async function listTestNumbers(ctx: AppContext, apiKey: string): Promise<TestNumber[]> {
  const rows = await ctx.db.selectFrom('test_numbers').selectAll().where('api_key', '=', apiKey).orderBy('created_at').orderBy('id').execute();
  return rows.map(view);
}

export async function addTestNumber(ctx: AppContext, apiKey: string, input: AddTestNumberRequest, author: ActivityAuthor): Promise<TestNumber> {
  const parsed = parsePhoneNumberFromString(input.number, input.country as CountryCode);
  if (!parsed?.isValid()) throw fieldError('number', 'Enter a valid phone number for the chosen country');
  const msisdn = parsed.number.slice(1);
  const pin = newPin();
  const now = ctx.clock.now();
  const row: Row = {
    id: newId(),
    primary_api_key: '',
    api_key: apiKey,
    msisdn,
    pin_hash: await hashSecret(pin),
    pin_expires_at: new Date(now.getTime() + PIN_TTL).toISOString(),
    failed_attempts: 0,
    verified_at: null,
    created_at: now.toISOString(),
  };

  await inTransaction(ctx.database, async (tx) => {
    // Serialises additions per account so that parallel requests cannot pass the limit together.
    await lockFamilyAccounts(tx, ctx.database.dialect, apiKey, [apiKey]);
    const account = await accounts.existingByKey(tx, apiKey);
    row.primary_api_key = account.primary_api_key;

    const existing = await tx.selectFrom('test_numbers').select(['msisdn']).where('api_key', '=', apiKey).execute();
    if (existing.some((number) => number.msisdn === msisdn)) {
      throw new ProblemError({
        status: 409,
        title: 'Already a test number',
        detail: `${parsed.number} is already one of your test numbers.`,
        invalidParameters: [{ name: 'number', reason: 'This number is already on your list' }],
      });
    }
    if (existing.length >= MAX_TEST_NUMBERS) {
      throw invalidInput(
        [{ name: 'number', reason: `You can have at most ${MAX_TEST_NUMBERS} test numbers. Remove one first.` }],
        `At most ${MAX_TEST_NUMBERS} test numbers per account.`,
      );
    }
    await claimPinSend(ctx, tx, row.primary_api_key, msisdn);
    await tx.insertInto('test_numbers').values(row).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'test_number.added',
      primaryApiKey: row.primary_api_key,
      apiKey,
      objectId: row.id,
      changes: [{ field: 'msisdn', before: null, after: msisdn }],
    });
  });
  await sendTestPin(ctx, msisdn, pin);
  return view(row);
}

/**
 * Checks a PIN. The attempt is counted atomically before the comparison, so parallel guesses can
 * never get more than the three allowed.
 */
export async function verifyTestNumber(ctx: AppContext, apiKey: string, id: string, pin: string, author: ActivityAuthor): Promise<TestNumber> {
  const row = await load(ctx, apiKey, id);
  if (row.verified_at) throw alreadyVerified();
  const attemptsOfNumber = pinAttemptsOfNumber(row.msisdn);
  const wait = await ctx.abuseLimits.retryAfterMs({ subject: attemptsOfNumber, max: TEST_PIN_ATTEMPTS_PER_NUMBER_PER_DAY, windowMs: DAY });
  if (wait > 0) {
    const reason = `Too many wrong PINs for this number today. Try again in ${waitText(wait)}.`;
    throw tooManyRequests(reason, wait / 1000, [{ name: 'pin', reason }]);
  }
  let attempts = row.failed_attempts;
  await checkPin(ctx.clock, {
    pinHash: row.pin_hash,
    expiresAt: row.pin_expires_at,
    countAttempt: async () => {
      const counted = await ctx.db
        .updateTable('test_numbers')
        .set({ failed_attempts: sql<number>`failed_attempts + 1` })
        .where('id', '=', row.id)
        .where('pin_hash', '=', row.pin_hash)
        .where('verified_at', 'is', null)
        .where('failed_attempts', '<', PIN_MAX_ATTEMPTS)
        .returning('failed_attempts')
        .executeTakeFirst();
      attempts = counted?.failed_attempts ?? attempts;
      if (counted) await ctx.abuseLimits.record(attemptsOfNumber);
      return counted?.failed_attempts ?? null;
    },
    voidPin: async () => {
      await ctx.db.updateTable('test_numbers').set({ pin_hash: null }).where('id', '=', row.id).where('pin_hash', '=', row.pin_hash).execute();
    },
  }, pin);

  const verifiedAt = ctx.clock.now().toISOString();
  await inTransaction(ctx.database, async (tx) => {
    const verified = await tx
      .updateTable('test_numbers')
      .set({ verified_at: verifiedAt, pin_hash: null, pin_expires_at: null })
      .where('id', '=', row.id)
      .where('pin_hash', '=', row.pin_hash)
      .where('verified_at', 'is', null)
      .executeTakeFirst();
    if (Number(verified.numUpdatedRows) !== 1) throw pinProblem('This PIN is no longer valid. Request a new one.', 0);
    await recordActivity(tx, ctx.clock, author, {
      kind: 'test_number.verified',
      primaryApiKey: row.primary_api_key,
      apiKey,
      objectId: row.id,
      changes: [{ field: 'msisdn', before: null, after: row.msisdn }],
    });
  });
  return view({ ...row, verified_at: verifiedAt, pin_hash: null, pin_expires_at: null, failed_attempts: attempts });
}

/**
 * A new PIN (and three new attempts) for a number not yet verified: at most every 30 seconds, within
 * the number's and the account's PINs of the hour.
 */
export async function resendTestPin(ctx: AppContext, apiKey: string, id: string): Promise<TestNumber> {
  const row = await load(ctx, apiKey, id);
  if (row.verified_at) throw alreadyVerified();
  const pin = newPin();
  const update = {
    pin_hash: await hashSecret(pin),
    pin_expires_at: new Date(ctx.clock.now().getTime() + PIN_TTL).toISOString(),
    failed_attempts: 0,
  };
  await inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, row.primary_api_key, [row.primary_api_key]);
    await claimPinSend(ctx, tx, row.primary_api_key, row.msisdn);
    const updated = await tx
      .updateTable('test_numbers')
      .set(update)
      .where('id', '=', row.id)
      .where('verified_at', 'is', null)
      .where((eb) => (row.pin_expires_at === null ? eb('pin_expires_at', 'is', null) : eb('pin_expires_at', '=', row.pin_expires_at)))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new ProblemError({ status: 409, title: 'Conflict', detail: 'This test number changed meanwhile. Reload and try again.' });
    }
  });
  await sendTestPin(ctx, row.msisdn, pin);
  return view({ ...row, ...update });
}

/**
 * Counts one PIN send to `msisdn` for the account, or throws a 429 on `number` with the longest wait
 * among the limits it would pass. Runs under the family's lock, so parallel sends cannot pass a limit
 * together.
 */
async function claimPinSend(ctx: AppContext, tx: Tx, primaryApiKey: string, msisdn: string): Promise<void> {
  const limits = ctx.abuseLimits.within(tx);
  const checks: { limit: AbuseLimit; reason: (wait: string) => string }[] = [
    {
      limit: { subject: pinSendsOfNumber(msisdn), max: 1, windowMs: PIN_RESEND_COOLDOWN },
      reason: (wait) => `A PIN was sent to this number moments ago. You can request a new one in ${wait}.`,
    },
    {
      limit: { subject: pinSendsOfNumber(msisdn), max: TEST_PIN_SENDS_PER_NUMBER_PER_HOUR, windowMs: HOUR },
      reason: (wait) => `This number has had ${TEST_PIN_SENDS_PER_NUMBER_PER_HOUR} PINs in the last hour. Try again in ${wait}.`,
    },
    {
      limit: { subject: pinSendsOfAccount(primaryApiKey), max: TEST_PIN_SENDS_PER_ACCOUNT_PER_HOUR, windowMs: HOUR },
      reason: (wait) => `Your account has sent ${TEST_PIN_SENDS_PER_ACCOUNT_PER_HOUR} PINs in the last hour, the most it may. Try again in ${wait}.`,
    },
  ];
  let refusal: { wait: number; reason: string } | null = null;
  for (const { limit, reason } of checks) {
    const wait = await limits.retryAfterMs(limit);
    if (wait > 0 && (!refusal || wait > refusal.wait)) refusal = { wait, reason: reason(waitText(wait)) };
  }
  if (refusal) throw tooManyRequests(refusal.reason, refusal.wait / 1000, [{ name: 'number', reason: refusal.reason }]);
  await limits.record(pinSendsOfNumber(msisdn), pinSendsOfAccount(primaryApiKey));
}

/** "45 seconds", "1 minute", "52 minutes", "3 hours". */
function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

export async function deleteTestNumber(ctx: AppContext, apiKey: string, id: string, author: ActivityAuthor): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    const deleted = await tx
      .deleteFrom('test_numbers')
      .where('id', '=', id)
      .where('api_key', '=', apiKey)
      .returning(['primary_api_key', 'msisdn'])
      .executeTakeFirst();
    if (!deleted) throw notFound(`Test number ${id} not found`);
    await recordActivity(tx, ctx.clock, author, {
      kind: 'test_number.removed',
      primaryApiKey: deleted.primary_api_key,
      apiKey,
      objectId: id,
      changes: [{ field: 'msisdn', before: deleted.msisdn, after: null }],
    });
  });
}

function sendTestPin(ctx: AppContext, msisdn: string, pin: string): Promise<void> {
  return ctx.carrier.deliver({
    to: `+${msisdn}`,
    channel: 'sms',
    text: `Your Switchboard test number PIN is ${pin}. It expires in 5 minutes.`,
  });
}

async function load(ctx: AppContext, apiKey: string, id: string): Promise<Row> {
  const row = await ctx.db.selectFrom('test_numbers').selectAll().where('id', '=', id).where('api_key', '=', apiKey).executeTakeFirst();
  if (!row) throw notFound(`Test number ${id} not found`);
  return row;
}

function resendAvailableAt(row: Row): number {
  if (!row.pin_expires_at) return 0;
  return new Date(row.pin_expires_at).getTime() - PIN_TTL + PIN_RESEND_COOLDOWN;
}

function view(row: Row): TestNumber {
  const verified = row.verified_at !== null;
  const pending = !verified && row.pin_hash !== null;
  return {
    id: row.id,
    number: `+${row.msisdn}`,
    country: destinationCountry(row.msisdn),
    verified,
    verified_at: row.verified_at,
    pin_expires_at: pending ? row.pin_expires_at : null,
    attempts_left: pending ? Math.max(0, PIN_MAX_ATTEMPTS - row.failed_attempts) : 0,
    resend_available_at: verified ? null : new Date(resendAvailableAt(row)).toISOString(),
    created_at: row.created_at,
  };
}

const alreadyVerified = () => new ProblemError({ status: 409, title: 'Already verified', detail: 'This test number is already verified.' });
