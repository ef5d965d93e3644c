import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Events counted by the abuse limits (reset requests, sign-ups, PIN sends, wrong PINs), per subject. */
export function abuseLimits(dialect: Dialect) {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('abuse_events')
        .addColumn('id', serial, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('abuse_events_subject').on('abuse_events').columns(['subject', 'created_at']).execute();
    },
  };
}
