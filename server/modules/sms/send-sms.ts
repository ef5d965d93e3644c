import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { runIdempotent, type StoredResponse } from '../../platform/idempotency.js';
import { chargeUsage } from '../../platform/ledger/charge-usage.js';
import { destinationCountry, normaliseMsisdn } from './destination.js';
import { DEMO_SUFFIX, splitIntoParts, type SmsEncoding } from '../../../contract/sms-encoding.js';
import { partPrice } from './pricing.js';
import { SmsErrorText, SmsStatus, type SmsStatusCode } from './sms-status.js';

/** Longer texts are refused with status 12; 30 parts is about 4 600 GSM-7 or 2 000 unicode characters. */
export const MAX_PARTS = 30;

export interface SmsSubmission {
  from: string;
  to: string;
  text: string;
  type?: SmsEncoding;
  clientRef?: string;
}

export interface SmsSender {
  /** The account that sends (a primary or a subaccount); it may pay from its primary's balance. */
  apiKey: string;
  /** Who asked, for the ledger (`api_key:…` or `user:…`); also the owner of idempotency keys. */
  actor: string;
  /** An Idempotency-Key: a retry with the same key and message is answered without sending again. */
  idempotencyKey?: string;
}

class InsufficientCredit extends Error {
  constructor(readonly balanceMicros: number) {
    super('insufficient credit');
  }
}

export interface AcceptedSms {
  ok: true;
  to: string;
  /** One id per part; the first is the id of the stored message. */
  partIds: string[];
  encoding: SmsEncoding;
  text: string;
  country: string;
  partPriceMicros: number;
  totalPriceMicros: number;
  payerApiKey: string;
  balanceAfterMicros: number;
  demo: boolean;
}

export interface RejectedSms {
  ok: false;
  status: Exclude<SmsStatusCode, '0'>;
  errorText: string;
  to?: string;
  /** What the message would have cost, and the payer's balance (status 9 reports both, as Vonage does). */
  priceMicros?: number;
  balanceMicros?: number;
  demo?: boolean;
}

export type SmsOutcome = AcceptedSms | RejectedSms;

export interface Logger {
  error(object: object, message: string): void;
}

/**
 * Sends one SMS: DEMO rules, destination price, one guarded ledger debit for all its parts, the
 * stored message, then the hand-over to the carrier once the money is committed. A rejected message
 * is neither charged nor stored.
 */
export async function sendSms(ctx: AppContext, sender: SmsSender, submission: SmsSubmission, log?: Logger): Promise<SmsOutcome> {
  const reject = (status: RejectedSms['status'], errorText: string, extra: Partial<RejectedSms> = {}): RejectedSms => ({
    ok: false,
    status,
    errorText,
    ...extra,
  });

  const msisdn = normaliseMsisdn(submission.to);
  if (!msisdn) return reject(SmsStatus.invalidParameters, SmsErrorText.invalid('to'));

  const account = await accounts.standing(ctx.db, sender.apiKey);
  if (!account) return reject(SmsStatus.invalidCredentials, SmsErrorText.badCredentials);
  if (account.suspended === 1 || account.primary_suspended === 1) return reject(SmsStatus.accountBarred, SmsErrorText.accountBarred);

  const demo = account.demo === 1;
  const text = demo ? submission.text + DEMO_SUFFIX : submission.text;
  const split = splitIntoParts(text, submission.type);
  if (split.parts.length > MAX_PARTS) return reject(SmsStatus.messageTooLong, SmsErrorText.messageTooLong, { to: msisdn, demo });

  if (demo && !(await isVerifiedTestNumber(ctx.db, account.primary_api_key, msisdn))) {
    return reject(SmsStatus.nonWhitelistedDestination, SmsErrorText.nonWhitelisted, { to: msisdn, demo });
  }
  const country = destinationCountry(msisdn);
  const price = country ? await partPrice(ctx.db, country) : null;
  if (!price) return reject(SmsStatus.invalidMessage, SmsErrorText.unroutable, { to: msisdn, demo });

  const parts = split.parts.length;
  const totalPriceMicros = parts * price.priceMicros;
  const partIds = messageIds(parts);
  const createdAt = ctx.clock.now().toISOString();

  const accepted = (charge: { payerApiKey: string; balanceAfterMicros: number }): AcceptedSms => ({
    ok: true,
    to: msisdn,
    partIds,
    encoding: split.encoding,
    text,
    country: price.country,
    partPriceMicros: price.priceMicros,
    totalPriceMicros,
    payerApiKey: charge.payerApiKey,
    balanceAfterMicros: charge.balanceAfterMicros,
    demo,
  });

  let result: StoredResponse<AcceptedSms>;
  try {
    result = await runIdempotent<AcceptedSms>(
      ctx.database,
      ctx.clock,
      {
        owner: sender.actor,
        primaryApiKey: account.primary_api_key,
        key: sender.idempotencyKey,
        method: 'POST',
        path: '/sms',
        body: { ...submission, sender: sender.apiKey },
      },
      async (tx) => {
        const charge = await chargeUsage(tx, ctx.clock, {
          apiKey: account.api_key,
          amountMicros: totalPriceMicros,
          reference: `sms:${partIds[0]}`,
          actor: sender.actor,
        });
        if (!charge.ok) throw new InsufficientCredit(await payerBalance(tx, account.api_key));
        await tx
          .insertInto('messages')
          .values({
            id: partIds[0],
            primary_api_key: account.primary_api_key,
            api_key: account.api_key,
            sender: submission.from,
            recipient: msisdn,
            text,
            encoding: split.encoding,
            parts,
            price_micros: totalPriceMicros,
            country: price.country,
            client_ref: submission.clientRef ?? null,
            status: 'accepted',
            created_at: createdAt,
          })
          .execute();
        return { status: 200, body: accepted(charge) };
      },
    );
  } catch (error) {
    if (!(error instanceof InsufficientCredit)) throw error;
    return reject(SmsStatus.quotaExceeded, SmsErrorText.quotaExceeded, {
      to: msisdn,
      priceMicros: totalPriceMicros,
      balanceMicros: error.balanceMicros,
      demo,
    });
  }
  if (result.replayed) return result.body;

  try {
    await ctx.carrier.deliver({ to: `+${msisdn}`, channel: 'sms', text });
  } catch (error) {
    // The message is accepted and paid: like a carrier outage, a failed hand-over shows up in delivery, not here.
    log?.error({ err: error, messageId: partIds[0] }, 'carrier hand-over failed');
  }

  return result.body;
}

/**
 * Vonage-like message ids: 16 upper-case hex characters. The parts of one message share the first 14
 * (random) and number themselves in the last 2, so any part's id leads to the stored message.
 */
export function messageIds(parts: number): string[] {
  const base = randomBytes(7).toString('hex').toUpperCase();
  return Array.from({ length: parts }, (_, index) => base + (index + 1).toString(16).toUpperCase().padStart(2, '0'));
}

export async function isVerifiedTestNumber(db: Db, primaryApiKey: string, msisdn: string): Promise<boolean> {
  const row = await db
    .selectFrom('test_numbers')
    .select('id')
    .where('primary_api_key', '=', primaryApiKey)
    .where('msisdn', '=', msisdn)
    .where('verified_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The balance that pays for `apiKey`'s usage: its own, or its primary's when it shares it. */
export async function payerBalance(db: Db, apiKey: string): Promise<number> {
  const payer = await accounts.payerOf(db, apiKey);
  if (!payer) throw new Error(`account ${apiKey} not found`);
  return payer.balance_micros;
}
