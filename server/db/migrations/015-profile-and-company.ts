import { sql, type Kysely } from 'kysely';

/**
 * The profile (seed 004): a user's phone and Skype name, the company's address and VAT number, the
 * owner's "every member needs two-factor sign-in", and the pending e-mail and phone changes (a link
 * to the new address, a PIN to the new phone), which go with their user when a member is removed. An
 * owner's phone was the account's: it is copied over.
 */
export function profileAndCompany() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('phone', 'text').execute();
      await db.schema.alterTable('users').addColumn('skype', 'text').execute();
      await sql`update users set phone = (select accounts.phone from accounts where accounts.api_key = users.primary_api_key) where owner = 1`.execute(db);
      await db.schema.createIndex('users_phone').unique().on('users').column('phone').execute();

      for (const column of ['address_line', 'address_city', 'address_postcode', 'address_country', 'vat_number']) {
        await db.schema.alterTable('accounts').addColumn(column, 'text').execute();
      }
      await db.schema.alterTable('accounts').addColumn('require_two_factor', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      await db.schema
        .createTable('email_changes')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('new_email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('email_changes_user').on('email_changes').column('user_id').execute();

      await db.schema
        .createTable('phone_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('phone_changes_user').on('phone_changes').columns(['user_id', 'sent_at']).execute();
    },
  };
}
