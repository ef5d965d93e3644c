import type { AppContext } from '../context.js';
import { inTransaction } from '../db/database.js';
import type { Job } from './job.js';
import { retentions } from './retention.js';

/** Deletes what has outlived its retention (retention.ts); every statement is idempotent. */
export const purgeExpiredJob: Job = {
  name: 'purge-expired',
  schedule: '5 * * * *',
  kind: 'period',
  async run(ctx) {
    const now = ctx.clock.now().getTime();
    const keep = retentions(ctx.config);
    const before = (milliseconds: number) => new Date(now - milliseconds).toISOString();
    const deleted = (result: { numDeletedRows: bigint }[]) => Number(result.reduce((sum, r) => sum + r.numDeletedRows, 0n));

    const counts = {
      sessions: deleted(await ctx.db.deleteFrom('sessions').where('expires_at', '<', before(keep.sessions)).execute()),
      signups: await purgeSignups(ctx, before(keep.signups), before(keep.reviewedSignups)),
      password_resets: deleted(await ctx.db.deleteFrom('password_resets').where('expires_at', '<', before(keep.passwordResets)).execute()),
      email_changes: deleted(await ctx.db.deleteFrom('email_changes').where('expires_at', '<', before(keep.profileChanges)).execute()),
      phone_changes: deleted(await ctx.db.deleteFrom('phone_changes').where('expires_at', '<', before(keep.profileChanges)).execute()),
      idempotency_keys: deleted(await ctx.db.deleteFrom('idempotency_keys').where('created_at', '<', before(keep.idempotencyKeys)).execute()),
      outbox: deleted(
        await ctx.db
          .deleteFrom('outbox')
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'delivered'), eb('delivered_at', '<', before(keep.deliveredOutbox))]),
              eb.and([eb('status', '=', 'failed'), eb('created_at', '<', before(keep.failedOutbox))]),
            ]),
          )
          .execute(),
      ),
      job_runs: deleted(await ctx.db.deleteFrom('job_runs').where('started_at', '<', before(keep.jobRuns)).execute()),
      abuse_events: deleted(await ctx.db.deleteFrom('abuse_events').where('created_at', '<', before(keep.abuseEvents)).execute()),
      // Their attempts go with them (on delete cascade).
      webhook_deliveries: deleted(await ctx.db.deleteFrom('webhook_deliveries').where('created_at', '<', before(keep.webhookDeliveries)).execute()),
    };
    return Object.entries(counts)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ');
  },
};

/** A sign-up and its PIN challenges go together (the challenges reference it). */
async function purgeSignups(ctx: AppContext, createdBefore: string, reviewCreatedBefore: string): Promise<number> {
  return inTransaction(ctx.database, async (tx) => {
    const expired = tx
      .selectFrom('signups')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '!=', 'review'), eb('created_at', '<', createdBefore)]),
          eb.and([eb('status', '=', 'review'), eb('created_at', '<', reviewCreatedBefore)]),
        ]),
      );
    await tx.deleteFrom('pin_challenges').where('signup_id', 'in', expired).execute();
    const result = await tx.deleteFrom('signups').where('id', 'in', expired).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
