import type { Db } from '../../db/database.js';
import type { OutboxMessage } from '../../db/schema.js';
import type { Clock } from '../clock.js';

export type OutboxChannel = OutboxMessage['channel'];

export interface OutboxEntry {
  channel: OutboxChannel;
  recipient: string;
  subject?: string;
  body: string;
}

/** The local end of every delivery channel: what would have left the building, kept in a table. */
export function createOutbox(db: Db, clock: Clock) {
  return {
    async write(entry: OutboxEntry): Promise<void> {
      await db
        .insertInto('outbox')
        .values({
          channel: entry.channel,
          recipient: entry.recipient,
          subject: entry.subject ?? null,
          body: entry.body,
          created_at: clock.now().toISOString(),
        })
        .execute();
    },
    async list(filter: { recipient?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
      let query = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(filter.limit ?? 100);
      if (filter.recipient) query = query.where('recipient', '=', filter.recipient);
      return query.execute();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
