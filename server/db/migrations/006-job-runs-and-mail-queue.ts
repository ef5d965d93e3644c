import type { Kysely } from 'kysely';

/**
 * The job runner's claims (one row per job and period, so several server processes run a period once)
 * and the outbox as a queue: e-mail waits in it until the delivery job sends it.
 */
export function jobRunsAndMailQueue() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('job_runs')
        .addColumn('job', 'text', (c) => c.notNull())
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('next_attempt_at', 'text')
        .addColumn('outcome', 'text')
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('job_runs_pk', ['job', 'period_key'])
        .execute();
      await db.schema.createIndex('job_runs_started').on('job_runs').column('started_at').execute();
      await db.schema.createIndex('job_runs_retry').on('job_runs').columns(['status', 'next_attempt_at']).execute();

      await db.schema.alterTable('outbox').addColumn('status', 'text', (c) => c.notNull().defaultTo('delivered')).execute();
      await db.schema.alterTable('outbox').addColumn('template', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('delivered_at', 'text').execute();
      await db.schema.createIndex('outbox_queue').on('outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_delivered').on('outbox').column('delivered_at').execute();
    },
  };
}
