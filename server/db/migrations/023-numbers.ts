import { sql, type Kysely } from 'kysely';
import { seededInventory } from '../../modules/numbers/inventory.js';
import { inventoryRows } from '../../modules/numbers/inventory-rows.js';

/**
 * Virtual numbers (issue 14): the inventory of rentable numbers, each row also holding its current
 * renter and configuration, and the history of rentals. One open rental per number (a unique index
 * over the rentals not ended), so two buyers can never both hold it. The inventory is seeded with
 * about 20 000 numbers of 9 countries (inventory.ts), the same ones every time.
 */
export function numbers() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('numbers')
        .addColumn('msisdn', 'text', (c) => c.primaryKey())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('features', 'text', (c) => c.notNull())
        .addColumn('sms', 'integer', (c) => c.notNull())
        .addColumn('voice', 'integer', (c) => c.notNull())
        .addColumn('mms', 'integer', (c) => c.notNull())
        .addColumn('monthly_cost_micros', 'bigint', (c) => c.notNull())
        .addColumn('setup_price_micros', 'bigint', (c) => c.notNull())
        .addColumn('requires_local_address', 'integer', (c) => c.notNull())
        .addColumn('owner_api_key', 'text', (c) => c.references('accounts.api_key'))
        .addColumn('primary_api_key', 'text')
        .addColumn('rental_id', 'text')
        .addColumn('app_id', 'text')
        .addColumn('mo_http_url', 'text')
        .addColumn('mo_smpp_sys_type', 'text')
        .addColumn('voice_callback_type', 'text')
        .addColumn('voice_callback_value', 'text')
        .addColumn('voice_status_callback', 'text')
        .execute();
      await db.schema.createIndex('numbers_available').on('numbers').columns(['country', 'type', 'owner_api_key', 'msisdn']).execute();
      await db.schema.createIndex('numbers_owner').on('numbers').columns(['owner_api_key', 'msisdn']).execute();

      await db.schema
        .createTable('number_rentals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('msisdn', 'text', (c) => c.notNull().references('numbers.msisdn'))
        .addColumn('api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('started_on', 'text', (c) => c.notNull())
        .addColumn('monthly_cost_micros', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema.createIndex('number_rentals_open').unique().on('number_rentals').column('msisdn').where(sql.ref('ended_at'), 'is', null).execute();
      await db.schema.createIndex('number_rentals_account').on('number_rentals').columns(['api_key', 'created_at']).execute();

      const rows = inventoryRows(seededInventory());
      for (let i = 0; i < rows.length; i += 1000) {
        await (db as Kysely<{ numbers: (typeof rows)[number] }>).insertInto('numbers').values(rows.slice(i, i + 1000)).execute();
      }
    },
  };
}
