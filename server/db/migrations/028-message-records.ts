import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

const messageColumns = [
  'id',
  'primary_api_key',
  'api_key',
  'sender',
  'recipient',
  'text',
  'encoding',
  'parts',
  'price_micros',
  'country',
  'client_ref',
  'status',
  'created_at',
];

/**
 * Message records and webhooks (issue 15; inbound SMS of issue 14).
 *
 * `messages` now holds every message: sent ones accepted or rejected (with the SMS API's error), and
 * received ones (`direction` inbound). A sent message's lifecycle is `submitted` → `delivered` |
 * `expired` | `failed` | `rejected`; `receipt_due_at` is when the carrier reports on it, set by the
 * insert itself so that scheduling a receipt costs no write of its own. Text, encoding and country may
 * be absent (text not stored, a request refused before they were known), so those columns lose NOT
 * NULL: SQLite rebuilds the table for that, PostgreSQL alters it. The indexes match the console's
 * search filters, each leading with the family and ending in the page's order (newest first).
 *
 * `webhook_deliveries` is the one queue of outgoing webhooks (delivery receipts, inbound SMS) and
 * `webhook_attempts` every try at one of them.
 */
export function messageRecords(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'sqlite') {
        await db.schema
          .createTable('messages_028')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('primary_api_key', 'text', (c) => c.notNull())
          .addColumn('api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
          .addColumn('sender', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('text', 'text')
          .addColumn('encoding', 'text')
          .addColumn('parts', 'integer', (c) => c.notNull())
          .addColumn('price_micros', 'bigint', (c) => c.notNull())
          .addColumn('country', 'text')
          .addColumn('client_ref', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        // Indexes another migration added to the table meanwhile are made again on the new one.
        const { rows: laterIndexes } = await sql<{ sql: string }>`
          select sql from sqlite_master
          where type = 'index' and tbl_name = 'messages' and sql is not null and name not in ('messages_account', 'messages_family')`.execute(db);
        const columns = sql.join(messageColumns.map((column) => sql.ref(column)));
        await sql`insert into messages_028 (${columns}) select ${columns} from messages`.execute(db);
        await db.schema.dropTable('messages').execute();
        // Reads go through a second connection, which checks each statement first: it must see the drop.
        await sql`select count(*) from sqlite_master`.execute(db);
        await db.schema.alterTable('messages_028').renameTo('messages').execute();
        await sql`select count(*) from sqlite_master`.execute(db);
        for (const index of laterIndexes) await sql.raw(index.sql).execute(db);
      } else {
        await db.schema.dropIndex('messages_account').execute();
        await db.schema.dropIndex('messages_family').execute();
        for (const column of ['text', 'encoding', 'country']) {
          await db.schema.alterTable('messages').alterColumn(column, (c) => c.dropNotNull()).execute();
        }
      }
      const added: [string, 'text' | 'integer'][] = [
        ['network', 'text'],
        ['account_ref', 'text'],
        ['error_code', 'text'],
        ['error_text', 'text'],
        ['callback_url', 'text'],
        ['receipt_due_at', 'text'],
        ['status_at', 'text'],
      ];
      await db.schema.alterTable('messages').addColumn('direction', 'text', (c) => c.notNull().defaultTo('outbound')).execute();
      await db.schema.alterTable('messages').addColumn('status_report_req', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      for (const [column, type] of added) await db.schema.alterTable('messages').addColumn(column, type).execute();
      // Messages sent before receipts existed were handed to the local carrier, which delivered them.
      await sql`update messages set status = 'delivered', error_code = '0', status_at = created_at where status = 'accepted'`.execute(db);

      const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('messages').columns(columns);
      await index('messages_family_time', ['primary_api_key', 'created_at', 'id']).execute();
      await index('messages_account_time', ['api_key', 'created_at', 'id']).execute();
      await index('messages_family_status', ['primary_api_key', 'status', 'created_at', 'id']).execute();
      await index('messages_family_country', ['primary_api_key', 'country', 'created_at', 'id']).execute();
      await index('messages_family_recipient', ['primary_api_key', 'recipient', 'created_at', 'id']).execute();
      await index('messages_family_sender', ['primary_api_key', 'sender', 'created_at', 'id']).execute();
      await index('messages_family_client_ref', ['primary_api_key', 'client_ref', 'created_at', 'id']).where(sql.ref('client_ref'), 'is not', null).execute();
      // Partial indexes: few rows, so they cost the sending path almost nothing.
      await index('messages_family_inbound', ['primary_api_key', 'created_at', 'id']).where(sql.ref('direction'), '=', sql.lit('inbound')).execute();
      await db.schema.createIndex('messages_receipts_due').on('messages').column('receipt_due_at').where(sql.ref('status'), '=', sql.lit('submitted')).execute();

      await db.schema.alterTable('accounts').addColumn('store_message_text', 'integer', (c) => c.notNull().defaultTo(1)).execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('api_key', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('payload', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('webhook_deliveries_message').on('webhook_deliveries').columns(['message_id']).execute();
      await db.schema.createIndex('webhook_deliveries_created').on('webhook_deliveries').columns(['created_at']).execute();

      await db.schema
        .createTable('webhook_attempts')
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('response_excerpt', 'text')
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('webhook_attempts_key', ['delivery_id', 'attempt'])
        .execute();
    },
  };
}
