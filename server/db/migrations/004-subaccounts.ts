import type { Kysely } from 'kysely';

export function subaccounts() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('accounts').addColumn('max_subaccounts', 'integer').execute();

      await db.schema
        .createTable('transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('to_api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('amount_micros', 'bigint', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('transfers_family').on('transfers').columns(['primary_api_key', 'kind', 'created_at']).execute();
      await db.schema.createIndex('accounts_primary_name').on('accounts').columns(['primary_api_key', 'name']).execute();
    },
  };
}
