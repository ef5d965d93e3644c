import type { ExpressionBuilder } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../db/schema.js';
import type { Email } from '../platform/delivery/mailer.js';
import { HOUR, MINUTE } from '../platform/clock.js';
import type { Job } from './job.js';
import { renderAttachment } from './mail-attachments.js';
import { composeTemplate } from './mail-templates.js';

export const MAIL_MAX_ATTEMPTS = 8;
/** A message being sent for longer than this is taken to have died with its process. */
const SENDING_LEASE = 5 * MINUTE;
const BATCH = 100;
const mailRetryDelay = (attempts: number) => Math.min(MINUTE * 2 ** (attempts - 1), 6 * HOUR);

/**
 * Sends queued e-mail. Each message is claimed on its own, so several processes share the queue.
 * Sent by SMTP, a message is deleted (nothing it says stays in our database); handed to the outbox
 * transport, it stays as delivered until the purge job removes it.
 */
export const deliverMailJob: Job = {
  name: 'deliver-mail',
  schedule: '*/5 * * * * *',
  kind: 'queue',
  async run(ctx, { log }) {
    const counts = { sent: 0, dropped: 0, failed: 0 };
    for (const id of await dueMessages(ctx)) {
      const message = await claim(ctx, id);
      if (!message) continue;
      const result = await deliver(ctx, message);
      if (result !== 'sent' && result !== 'dropped') {
        log.error({ outbox_id: message.id, attempts: message.attempts, err: result.error }, 'e-mail delivery failed');
      }
      counts[result === 'sent' || result === 'dropped' ? result : 'failed']++;
    }
    const total = counts.sent + counts.dropped + counts.failed;
    return total === 0 ? '' : `sent ${counts.sent}, dropped ${counts.dropped}, failed ${counts.failed}`;
  },
};

/** Waiting and due, or still `sending` past its lease (the process sending it died). */
const claimable = (now: string) => (eb: ExpressionBuilder<Database, 'outbox'>) =>
  eb.or([
    eb.and([eb('status', '=', 'pending'), eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)])]),
    eb.and([eb('status', '=', 'sending'), eb('next_attempt_at', '<=', now)]),
  ]);

async function dueMessages(ctx: AppContext): Promise<number[]> {
  const now = ctx.clock.now().toISOString();
  const rows = await ctx.db
    .selectFrom('outbox')
    .select('id')
    .where(claimable(now))
    .orderBy('id')
    .limit(BATCH)
    .execute();
  return rows.map((row) => row.id);
}

async function claim(ctx: AppContext, id: number) {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return ctx.db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + SENDING_LEASE).toISOString() }))
    .where('id', '=', id)
    .where(claimable(nowIso))
    .returning(['id', 'recipient', 'subject', 'body', 'template', 'attachment', 'attempts'])
    .executeTakeFirst();
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claim>>>;

async function deliver(ctx: AppContext, message: Claimed): Promise<'sent' | 'dropped' | { error: unknown }> {
  try {
    const email = await compose(ctx, message);
    if (!email) {
      await ctx.db.deleteFrom('outbox').where('id', '=', message.id).execute();
      return 'dropped';
    }
    await ctx.mailTransport.deliver(email);
    if (ctx.mailTransport.kind === 'smtp') {
      await ctx.db.deleteFrom('outbox').where('id', '=', message.id).execute();
    } else {
      await ctx.db
        .updateTable('outbox')
        .set({ status: 'delivered', delivered_at: ctx.clock.now().toISOString(), next_attempt_at: null, last_error: null })
        .where('id', '=', message.id)
        .execute();
    }
    return 'sent';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const retry = message.attempts < MAIL_MAX_ATTEMPTS;
    await ctx.db
      .updateTable('outbox')
      .set({
        status: retry ? 'pending' : 'failed',
        next_attempt_at: retry ? new Date(ctx.clock.now().getTime() + mailRetryDelay(message.attempts)).toISOString() : null,
        last_error: reason,
      })
      .where('id', '=', message.id)
      .execute();
    return { error };
  }
}

/**
 * A templated message is written out once, on its first attempt, and kept: a retry sends the same
 * words (and the same link) rather than composing anew. Null: nobody to send it to. An attachment is
 * rendered at each attempt from what it names (an invoice, which never changes once sent).
 */
async function compose(ctx: AppContext, message: Claimed): Promise<Email | null> {
  const email = message.template ? await composeTemplate(ctx, message.template, message.recipient) : { to: message.recipient, subject: message.subject ?? '', text: message.body };
  if (!email) return null;
  if (message.template) await ctx.db.updateTable('outbox').set({ subject: email.subject, body: email.text, template: null }).where('id', '=', message.id).execute();
  return message.attachment ? { ...email, attachments: [await renderAttachment(ctx, message.attachment)] } : email;
}
