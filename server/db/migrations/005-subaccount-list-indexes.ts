import { sql, type Kysely } from 'kysely';

/** Indexes for the console's subaccounts list of a large family: its sort orders and its totals. */
export function subaccountListIndexes() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('accounts_primary').execute();
      await db.schema.dropIndex('accounts_primary_name').execute();
      await db.schema.createIndex('accounts_family_created').on('accounts').columns(['primary_api_key', 'created_at', 'api_key']).execute();
      await db.schema.createIndex('accounts_family_name').on('accounts').expression(sql`primary_api_key, lower(name), api_key`).execute();
      await db.schema
        .createIndex('accounts_family_money')
        .on('accounts')
        .columns(['primary_api_key', 'use_primary_account_balance', 'balance_micros', 'credit_limit_micros'])
        .execute();
    },
  };
}
