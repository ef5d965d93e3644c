import type { Kysely } from 'kysely';

/**
 * Shared US short codes (issue 14, seed 004). `short_codes` is the pool of pre-approved codes, each
 * for one purpose; being shared, one code serves many accounts. `account_short_codes` holds the
 * accounts that added a code (once per account), with their message template and the values of the
 * opt-in text, null until configured.
 */
export function shortCodes() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('short_codes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('account_short_codes')
        .addColumn('api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('code', 'text', (c) => c.notNull().references('short_codes.code'))
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('template', 'text')
        .addColumn('messages_per_day', 'integer')
        .addColumn('terms_url', 'text')
        .addColumn('privacy_url', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_short_codes_key', ['api_key', 'code'])
        .execute();
      await db.schema.createIndex('account_short_codes_family').on('account_short_codes').columns(['primary_api_key', 'code']).execute();

      await (db as Kysely<{ short_codes: { code: string; country: string; purpose: string } }>)
        .insertInto('short_codes')
        .values([
          { code: '98975', country: 'US', purpose: 'two_factor' },
          { code: '24273', country: 'US', purpose: 'two_factor' },
          { code: '386386', country: 'US', purpose: 'two_factor' },
          { code: '78711', country: 'US', purpose: 'alerts' },
          { code: '33733', country: 'US', purpose: 'alerts' },
          { code: '262966', country: 'US', purpose: 'alerts' },
        ])
        .execute();
    },
  };
}
