import { splitIntoParts } from '../../../contract/sms-encoding.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import { queueWebhooks } from '../../platform/webhooks/webhooks.js';
import { messageTimestamp } from '../sms/delivery-receipts.js';
import { destinationCountry, normaliseMsisdn } from '../sms/destination.js';
import { estimatedNetwork } from '../sms/network.js';
import { messageIds, storedText } from '../sms/send-sms.js';
import { fieldError, notFound } from '../../platform/problems.js';

export interface InboundSms {
  from: string;
  to: string;
  text: string;
}

export interface ReceivedSms {
  message_id: string;
  api_key: string;
  /** Where it is delivered: the number's moHttpUrl, else its account's moCallBackUrl; null when neither is set. */
  webhook_url: string | null;
}

/**
 * A message from a handset to a rented number (development: the simulator at /dev/inbound-sms). It is
 * recorded as received for the number's account and, with its inbound webhook, queued for delivery in
 * the Vonage inbound format, in one transaction.
 */
export async function receiveInboundSms(ctx: AppContext, sms: InboundSms): Promise<ReceivedSms> {
  const from = normaliseMsisdn(sms.from);
  if (!from) throw fieldError('from', 'Enter the sending phone number in international format');
  const to = normaliseMsisdn(sms.to);
  const number = to
    ? await ctx.db
        .selectFrom('numbers as n')
        .innerJoin('accounts as a', 'a.api_key', 'n.owner_api_key')
        .innerJoin('accounts as p', 'p.api_key', 'a.primary_api_key')
        .select(['n.msisdn', 'n.mo_http_url', 'a.api_key', 'a.primary_api_key', 'a.mo_callback_url', 'p.store_message_text'])
        .where('n.msisdn', '=', to)
        .executeTakeFirst()
    : undefined;
  if (!number) throw notFound('Nobody rents this number: inbound messages reach rented numbers only');

  const split = splitIntoParts(sms.text);
  const [id] = messageIds(1);
  const now = ctx.clock.now();
  const url = number.mo_http_url ?? number.mo_callback_url;
  const country = destinationCountry(from);
  await inTransaction(ctx.database, async (tx) => {
    await tx
      .insertInto('messages')
      .values({
        id,
        primary_api_key: number.primary_api_key,
        api_key: number.api_key,
        direction: 'inbound',
        sender: from,
        recipient: number.msisdn,
        text: storedText(sms.text, number.store_message_text === 1),
        encoding: split.encoding,
        parts: split.parts.length,
        price_micros: 0,
        country,
        network: country ? estimatedNetwork(country) : null,
        client_ref: null,
        account_ref: null,
        status: 'received',
        error_code: null,
        error_text: null,
        callback_url: null,
        receipt_due_at: null,
        status_at: now.toISOString(),
        created_at: now.toISOString(),
      })
      .execute();
    if (!url) return;
    await queueWebhooks(tx, ctx.clock, [
      {
        primaryApiKey: number.primary_api_key,
        apiKey: number.api_key,
        messageId: id,
        kind: 'inbound-sms',
        url,
        payload: {
          msisdn: from,
          to: number.msisdn,
          messageId: id,
          text: sms.text,
          type: split.encoding,
          keyword: sms.text.trim().split(/\s+/)[0]?.toUpperCase() ?? '',
          'message-timestamp': messageTimestamp(now),
          'api-key': number.api_key,
        },
      },
    ]);
  });
  return { message_id: id, api_key: number.api_key, webhook_url: url };
}
