import type { Db, Tx } from '../../db/database.js';
import type { OutboxMessage } from '../../db/schema.js';
import type { Clock } from '../clock.js';

export type OutboxChannel = OutboxMessage['channel'];

export interface OutboxEntry {
  channel: OutboxChannel;
  recipient: string;
  subject?: string;
  body: string;
}

export interface QueuedEmail {
  recipient: string;
  subject?: string;
  body?: string;
  template?: string;
  /** Rendered when the message is sent (server/jobs/mail-attachments.ts), e.g. `invoice:<id>`. */
  attachment?: string;
}

/**
 * Outgoing messages in a table. The local carrier writes what it "sends" straight in as delivered;
 * e-mail is queued here and the delivery job (server/jobs/deliver-mail.ts) sends it.
 */
export function createOutbox(db: Db, clock: Clock) {
  let queued: (() => void) | null = null;

  const insertQueued = async (executor: Db | Tx, entry: QueuedEmail) => {
    await executor
      .insertInto('outbox')
      .values({
        channel: 'email',
        recipient: entry.recipient,
        subject: entry.subject ?? null,
        body: entry.body ?? '',
        template: entry.template ?? null,
        attachment: entry.attachment ?? null,
        created_at: clock.now().toISOString(),
        status: 'pending',
      })
      .execute();
  };

  return {
    async write(entry: OutboxEntry): Promise<void> {
      const now = clock.now().toISOString();
      await db
        .insertInto('outbox')
        .values({
          channel: entry.channel,
          recipient: entry.recipient,
          subject: entry.subject ?? null,
          body: entry.body,
          created_at: now,
          status: 'delivered',
          delivered_at: now,
        })
        .execute();
    },

    /** Queues an e-mail, either written out or (`template`) composed when it is sent. */
    async enqueue(entry: QueuedEmail): Promise<void> {
      await insertQueued(db, entry);
      queued?.();
    },

    /**
     * Queues an e-mail in the caller's transaction: it is sent only if the change it tells of commits.
     * Call `wake()` once the transaction has committed, so that it leaves at once.
     */
    enqueueWithin(tx: Tx, entry: QueuedEmail): Promise<void> {
      return insertQueued(tx, entry);
    },

    /** Tells the running server that e-mail was queued (by a transaction that has now committed). */
    wake(): void {
      queued?.();
    },

    /** Called after each enqueue: the running server delivers at once instead of at the next tick. */
    onQueued(listener: (() => void) | null): void {
      queued = listener;
    },

    /** What was delivered, newest first. */
    async list(filter: { recipient?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
      let query = db.selectFrom('outbox').selectAll().where('status', '=', 'delivered').orderBy('id', 'desc').limit(filter.limit ?? 100);
      if (filter.recipient) query = query.where('recipient', '=', filter.recipient);
      return query.execute();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

/**
 * Queues e-mail in the caller's transaction: it goes out if and only if the change it reports commits
 * (the delivery job picks it up at its next tick).
 */
export async function queueEmailsInTransaction(tx: Tx, clock: Clock, emails: { to: string; subject: string; text: string }[]): Promise<void> {
  if (emails.length === 0) return;
  const now = clock.now().toISOString();
  await tx
    .insertInto('outbox')
    .values(emails.map((email) => ({ channel: 'email' as const, recipient: email.to, subject: email.subject, body: email.text, created_at: now, status: 'pending' as const })))
    .execute();
}
