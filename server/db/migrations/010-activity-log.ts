import type { Kysely } from 'kysely';

/** Who changed what, written in the same transaction as the change; read newest first per family. */
export function activityLog() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('activity_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('api_key', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text')
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('activity_family_time').on('activity_entries').columns(['primary_api_key', 'created_at', 'id']).execute();
      await db.schema.createIndex('activity_account_time').on('activity_entries').columns(['primary_api_key', 'api_key', 'created_at', 'id']).execute();
    },
  };
}
