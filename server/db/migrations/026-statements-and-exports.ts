import type { Kysely } from 'kysely';

/**
 * Statements and exports (issue 13). Exports page through a family's ledger in `(created_at, id)`
 * order, so the family index gains `id` (it replaces the old one, which it covers). A number's charges
 * are attributed to whoever rented it at the time, found by number and start. `statements` keeps the
 * monthly statement of each family as the `monthly-statements` job computed it (its lines as JSON),
 * once per family and month.
 */
export function statementsAndExports() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('ledger_family_keyset').on('ledger_entries').columns(['primary_api_key', 'created_at', 'id']).execute();
      await db.schema.dropIndex('ledger_family').execute();
      await db.schema.createIndex('number_rentals_msisdn').on('number_rentals').columns(['msisdn', 'created_at']).execute();
      await db.schema
        .createTable('statements')
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('statements_key', ['primary_api_key', 'month'])
        .execute();
    },
  };
}
