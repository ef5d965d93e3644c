import type { Kysely } from 'kysely';

/**
 * Auto-reload: one row per primary account that has set it (no row: off). `state` is the state
 * machine's (off, armed, charging, failing, paused); `charge_key` names the reload payment in flight
 * (its Idempotency-Key: the 10-minute window, or the public top-up's key), so a retried pass finds
 * the same payment instead of charging again.
 */
export function autoReload() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('auto_reloads')
        .addColumn('primary_api_key', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('method_id', 'text')
        .addColumn('amount_micros', 'bigint', (c) => c.notNull())
        .addColumn('threshold_micros', 'bigint', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('retry_at', 'text')
        .addColumn('charge_key', 'text')
        .addColumn('failure_code', 'text')
        .addColumn('failure_message', 'text')
        .addColumn('failed_at', 'text')
        .addColumn('last_payment_id', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The job reads the accounts auto-reload is on for; off rows are never looked at.
      await db.schema.createIndex('auto_reloads_state').on('auto_reloads').columns(['state']).execute();
    },
  };
}
