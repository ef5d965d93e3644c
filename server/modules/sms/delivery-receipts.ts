import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { Job } from '../../jobs/job.js';
import type { DeliveryReport } from '../../platform/delivery/carrier.js';
import { queueWebhooks, type OutgoingWebhook } from '../../platform/webhooks/webhooks.js';
import { partIdsOf } from './send-sms.js';
import { smsEuros } from './sms-status.js';

const BATCH = 500;

/** The SMS API's timestamps: `2020-01-01 12:00:00` (message-timestamp) and YYMMDDHHMM (scts), UTC. */
export const messageTimestamp = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');
const scts = (at: Date) => at.toISOString().slice(2, 16).replace(/[-T:]/g, '');

/**
 * Advances submitted messages whose carrier report is due to delivered, expired, failed or rejected,
 * a batch at a time: one update per outcome and one insert of the receipts to send, in one
 * transaction. A receipt goes to the message's `callback`, else its account's drCallBackUrl, unless the
 * sender asked for none (`status-report-req=false`); one per message part, as Vonage sends them.
 */
export const deliveryReceiptsJob: Job = {
  name: 'delivery-receipts',
  schedule: '*/5 * * * * *',
  kind: 'queue',
  async run(ctx) {
    let reported = 0;
    let receipts = 0;
    for (;;) {
      const batch = await advanceBatch(ctx);
      reported += batch.reported;
      receipts += batch.receipts;
      if (batch.due < BATCH) break;
    }
    return reported === 0 ? '' : `reported ${reported}, receipts queued ${receipts}`;
  },
};

async function advanceBatch(ctx: AppContext): Promise<{ due: number; reported: number; receipts: number }> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const due = await ctx.db
    .selectFrom('messages as m')
    .innerJoin('accounts as a', 'a.api_key', 'm.api_key')
    .select(['m.id', 'm.recipient', 'a.dr_callback_url'])
    .where('m.status', '=', 'submitted')
    .where('m.receipt_due_at', '<=', nowIso)
    .orderBy('m.receipt_due_at')
    .limit(BATCH)
    .execute();
  if (due.length === 0) return { due: 0, reported: 0, receipts: 0 };

  const accountUrls = new Map(due.map((message) => [message.id, message.dr_callback_url]));
  const byOutcome = new Map<string, { report: DeliveryReport; ids: string[] }>();
  for (const message of due) {
    const report = ctx.carrier.report({ to: message.recipient });
    const key = `${report.status}:${report.errCode}`;
    const group = byOutcome.get(key) ?? { report, ids: [] };
    group.ids.push(message.id);
    byOutcome.set(key, group);
  }

  return inTransaction(ctx.database, async (tx) => {
    const webhooks: OutgoingWebhook[] = [];
    let reported = 0;
    for (const { report, ids } of byOutcome.values()) {
      const advanced = await tx
        .updateTable('messages')
        .set({ status: report.status, error_code: report.errCode, error_text: report.errorText, status_at: nowIso, receipt_due_at: null })
        .where('id', 'in', ids)
        // Another process may have reported it meanwhile.
        .where('status', '=', 'submitted')
        .returning(['id', 'primary_api_key', 'api_key', 'sender', 'recipient', 'network', 'parts', 'price_micros', 'client_ref', 'status_report_req', 'callback_url'])
        .execute();
      reported += advanced.length;
      const wanted = advanced.filter((message) => message.status_report_req === 1);
      for (const message of wanted) {
        const url = message.callback_url ?? accountUrls.get(message.id);
        if (!url) continue;
        const partPrice = message.price_micros / message.parts;
        for (const partId of partIdsOf(message.id, message.parts)) {
          webhooks.push({
            primaryApiKey: message.primary_api_key,
            apiKey: message.api_key,
            messageId: message.id,
            kind: 'delivery-receipt',
            url,
            payload: {
              msisdn: message.recipient,
              to: message.sender,
              'network-code': message.network ?? '',
              messageId: partId,
              price: smsEuros(partPrice),
              status: report.status,
              scts: scts(now),
              'err-code': report.errCode,
              'api-key': message.api_key,
              'message-timestamp': messageTimestamp(now),
              ...(message.client_ref !== null ? { 'client-ref': message.client_ref } : {}),
            },
          });
        }
      }
    }
    await queueWebhooks(tx, ctx.clock, webhooks);
    return { due: due.length, reported, receipts: webhooks.length };
  });
}
