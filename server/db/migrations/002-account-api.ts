import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export function accountApi(dialect: Dialect) {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('accounts').addColumn('mo_callback_url', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('dr_callback_url', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('auto_reload', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      await db.schema
        .createTable('sms_prices')
        .addColumn('country', 'text', (c) => c.primaryKey())
        .addColumn('country_name', 'text', (c) => c.notNull())
        .addColumn('dialing_prefix', 'text', (c) => c.notNull())
        .addColumn('price_micros', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('encoding', 'text', (c) => c.notNull())
        .addColumn('parts', 'integer', (c) => c.notNull())
        .addColumn('price_micros', 'bigint', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('client_ref', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('messages_account').on('messages').columns(['api_key', 'created_at']).execute();
      await db.schema.createIndex('messages_family').on('messages').columns(['primary_api_key', 'created_at']).execute();

      await db.schema
        .createTable('test_numbers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('msisdn', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text')
        .addColumn('pin_expires_at', 'text')
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('verified_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('test_numbers_account_msisdn', ['api_key', 'msisdn'])
        .execute();

      await db.schema
        .createTable('api_requests')
        .addColumn('id', serial, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('api_key', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('api_requests_family').on('api_requests').columns(['primary_api_key', 'created_at']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('api_key', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response_body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['api_key', 'key'])
        .execute();
    },
  };
}
