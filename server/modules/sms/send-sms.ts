import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { MessagesTable } from '../../db/schema.js';
import { DEFAULT_TTL_MS } from '../../platform/delivery/carrier.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { runIdempotent, type StoredResponse } from '../../platform/idempotency.js';
import { chargeUsage } from '../../platform/ledger/charge-usage.js';
import { destinationCountry, normaliseMsisdn } from './destination.js';
import { DEMO_SUFFIX, splitIntoParts, type SmsEncoding } from '../../../contract/sms-encoding.js';
import { estimatedNetwork } from './network.js';
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
  accountRef?: string;
  /** How long the network may try to deliver it (ms); 72 hours unless given. */
  ttlMs?: number;
  /** False: no delivery receipt is sent, whatever the webhooks. */
  statusReportReq?: boolean;
  /** Where this message's delivery receipt goes instead of the account's drCallBackUrl. */
  callback?: string;
}

/** A message record keeps at most this much of the text (none when the family turned storing it off). */
export const STORED_TEXT_CHARS = 160;

export function storedText(text: string, store: boolean): string | null {
  return store ? Array.from(text).slice(0, STORED_TEXT_CHARS).join('') : null;
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
  /** The destination network (MCCMNC) as estimated from the country; the SMS API's `network`. */
  network: string | null;
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
 * Sends one SMS: DEMO rules, destination price, one guarded ledger debit for all its parts with the
 * message record (status `submitted`, its receipt scheduled by the carrier), then the hand-over to
 * the carrier once the money is committed. A rejected message is not charged; its record is written
 * on its own, after any money transaction has rolled back.
 */
export async function sendSms(ctx: AppContext, sender: SmsSender, submission: SmsSubmission, log?: Logger): Promise<SmsOutcome> {
  const account = await accounts.standing(ctx.db, sender.apiKey);
  if (!account) return { ok: false, status: SmsStatus.invalidCredentials, errorText: SmsErrorText.badCredentials };
  const record: Insertable<MessagesTable> = {
    id: messageIds(1)[0],
    primary_api_key: account.primary_api_key,
    api_key: account.api_key,
    sender: submission.from,
    recipient: submission.to.slice(0, 32),
    text: storedText(submission.text, account.store_message_text === 1),
    encoding: null,
    parts: 0,
    price_micros: 0,
    country: null,
    network: null,
    client_ref: submission.clientRef ?? null,
    account_ref: submission.accountRef ?? null,
    status: 'submitted',
    error_code: null,
    error_text: null,
    status_report_req: submission.statusReportReq === false ? 0 : 1,
    callback_url: submission.callback ?? null,
    receipt_due_at: null,
    status_at: null,
    created_at: ctx.clock.now().toISOString(),
  };
  const outcome = await submit(ctx, sender, submission, account, record, log);
  if (!outcome.ok) {
    await ctx.db
      .insertInto('messages')
      .values({ ...record, status: 'rejected', error_code: outcome.status, error_text: outcome.errorText, status_at: record.created_at, receipt_due_at: null })
      .execute();
  }
  return outcome;
}

type Standing = NonNullable<Awaited<ReturnType<typeof accounts.standing>>>;

/** The decisions of a send; `record` gathers what is known of the message as they are made. */
async function submit(
  ctx: AppContext,
  sender: SmsSender,
  submission: SmsSubmission,
  account: Standing,
  record: Insertable<MessagesTable>,
  log?: Logger,
): Promise<SmsOutcome> {
  const reject = (status: RejectedSms['status'], errorText: string, extra: Partial<RejectedSms> = {}): RejectedSms => ({
    ok: false,
    status,
    errorText,
    ...extra,
  });

  const msisdn = normaliseMsisdn(submission.to);
  if (!msisdn) return reject(SmsStatus.invalidParameters, SmsErrorText.invalid('to'));
  record.recipient = msisdn;
  if (account.suspended === 1 || account.primary_suspended === 1) return reject(SmsStatus.accountBarred, SmsErrorText.accountBarred);

  const demo = account.demo === 1;
  const text = demo ? submission.text + DEMO_SUFFIX : submission.text;
  const split = splitIntoParts(text, submission.type);
  record.text = storedText(text, account.store_message_text === 1);
  record.encoding = split.encoding;
  record.parts = split.parts.length;
  if (split.parts.length > MAX_PARTS) return reject(SmsStatus.messageTooLong, SmsErrorText.messageTooLong, { to: msisdn, demo });

  if (demo && !(await isVerifiedTestNumber(ctx.db, account.primary_api_key, msisdn))) {
    return reject(SmsStatus.nonWhitelistedDestination, SmsErrorText.nonWhitelisted, { to: msisdn, demo });
  }
  const country = destinationCountry(msisdn);
  record.country = country;
  record.network = country ? estimatedNetwork(country) : null;
  const price = country ? await partPrice(ctx.db, country) : null;
  if (!price) return reject(SmsStatus.invalidMessage, SmsErrorText.unroutable, { to: msisdn, demo });

  const parts = split.parts.length;
  const totalPriceMicros = parts * price.priceMicros;
  const partIds = partIdsOf(record.id, parts);
  const handedOverAt = new Date(record.created_at);

  const accepted = (charge: { payerApiKey: string; balanceAfterMicros: number }): AcceptedSms => ({
    ok: true,
    to: msisdn,
    partIds,
    encoding: split.encoding,
    text,
    country: price.country,
    network: record.network ?? null,
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
            ...record,
            price_micros: totalPriceMicros,
            receipt_due_at: ctx.carrier.reportDueAt({ to: msisdn, ttlMs: submission.ttlMs ?? DEFAULT_TTL_MS }, handedOverAt).toISOString(),
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
  return partIdsOf(randomBytes(7).toString('hex').toUpperCase() + '01', parts);
}

/** The ids of a message's parts, from its own id (the first part's). */
export function partIdsOf(messageId: string, parts: number): string[] {
  const base = messageId.slice(0, 14);
  return Array.from({ length: Math.max(parts, 1) }, (_, index) => base + (index + 1).toString(16).toUpperCase().padStart(2, '0'));
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
