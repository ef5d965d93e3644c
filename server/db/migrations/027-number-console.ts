import type { Kysely } from 'kysely';

/**
 * The console's numbers (issue 14). `numbers.description` is the renter's own label;
 * `numbers.available_at` keeps a released number off the market until then: 5 minutes in which a
 * cancel can be undone, then a 30-day quarantine. A cancelled rental keeps until when it can be
 * undone and the configuration it had, which an undo puts back. Two indexes serve the searches and
 * lists: available numbers of a country in msisdn order whatever their type, and a family's numbers.
 */
export function numberConsole() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('numbers').addColumn('description', 'text').execute();
      await db.schema.alterTable('numbers').addColumn('available_at', 'text').execute();
      await db.schema.alterTable('number_rentals').addColumn('undo_until', 'text').execute();
      await db.schema.alterTable('number_rentals').addColumn('configuration', 'text').execute();
      await db.schema.createIndex('numbers_country_available').on('numbers').columns(['country', 'owner_api_key', 'msisdn']).execute();
      await db.schema.createIndex('numbers_family').on('numbers').columns(['primary_api_key', 'msisdn']).execute();
    },
  };
}
