import { DAY } from '../platform/clock.js';
import type { Job } from './job.js';

/** Rows per statement: a purge of millions of rows goes in short statements that never hold the tables for long. */
const BATCH = 5_000;

/**
 * Usage records past their retention (API_REQUEST_RETENTION_DAYS, MESSAGE_RETENTION_DAYS): requests and
 * messages are deleted by age; message text is blanked after MESSAGE_TEXT_RETENTION_DAYS while the rest
 * of the message stays for search and spend. Each step reads an index on created_at (migration 029).
 */
export const purgeUsageJob: Job = {
  name: 'purge-usage',
  schedule: '15 * * * *',
  kind: 'period',
  async run(ctx) {
    const now = ctx.clock.now().getTime();
    const before = (days: number) => new Date(now - days * DAY).toISOString();
    const { db } = ctx;

    const requests = await inBatches(async () => {
      const old = db.selectFrom('api_requests').select('id').where('created_at', '<', before(ctx.config.API_REQUEST_RETENTION_DAYS)).limit(BATCH);
      return (await db.deleteFrom('api_requests').where('id', 'in', old).executeTakeFirst()).numDeletedRows;
    });
    const messages = await inBatches(async () => {
      const old = db.selectFrom('messages').select('id').where('created_at', '<', before(ctx.config.MESSAGE_RETENTION_DAYS)).limit(BATCH);
      return (await db.deleteFrom('messages').where('id', 'in', old).executeTakeFirst()).numDeletedRows;
    });
    const texts = await inBatches(async () => {
      const old = db.selectFrom('messages').select('id').where('created_at', '<', before(ctx.config.MESSAGE_TEXT_RETENTION_DAYS)).where('text', '<>', '').limit(BATCH);
      return (await db.updateTable('messages').set({ text: '' }).where('id', 'in', old).executeTakeFirst()).numUpdatedRows;
    });
    return `api_requests ${requests}, messages ${messages}, message texts blanked ${texts}`;
  },
};

async function inBatches(step: () => Promise<bigint>): Promise<number> {
  let total = 0;
  for (;;) {
    const done = Number(await step());
    total += done;
    if (done < BATCH) return total;
  }
}
