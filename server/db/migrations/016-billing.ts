import type { Kysely } from 'kysely';

/**
 * Billing: the payment methods a family stored with the processor (a token and what may be shown of
 * it, never a card number) and every payment, whatever its state. Money columns are micro-euros and
 * carry the primary's key.
 */
export function billing() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('payment_methods')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('processor', 'text', (c) => c.notNull())
        .addColumn('processor_ref', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('brand', 'text')
        .addColumn('last4', 'text')
        .addColumn('exp_month', 'integer')
        .addColumn('exp_year', 'integer')
        .addColumn('paypal_email', 'text')
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('billing_name', 'text', (c) => c.notNull())
        .addColumn('billing_line1', 'text', (c) => c.notNull())
        .addColumn('billing_city', 'text', (c) => c.notNull())
        .addColumn('billing_postcode', 'text', (c) => c.notNull())
        .addColumn('billing_country', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // A card or PayPal account belongs to one Switchboard account only.
      await db.schema.createIndex('payment_methods_fingerprint').on('payment_methods').columns(['processor', 'type', 'fingerprint']).unique().execute();
      await db.schema.createIndex('payment_methods_family').on('payment_methods').columns(['primary_api_key', 'created_at']).execute();

      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('method_id', 'text')
        .addColumn('method_type', 'text', (c) => c.notNull())
        .addColumn('method_label', 'text', (c) => c.notNull())
        .addColumn('amount_micros', 'bigint', (c) => c.notNull())
        .addColumn('refunded_micros', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('processor_ref', 'text')
        .addColumn('failure_code', 'text')
        .addColumn('failure_message', 'text')
        .addColumn('retryable', 'integer')
        .addColumn('reference', 'text')
        .addColumn('balance_after_micros', 'bigint')
        .addColumn('idempotency_owner', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('initiated_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('settled_at', 'text')
        .execute();
      await db.schema.createIndex('payments_idempotency').on('payments').columns(['idempotency_owner', 'idempotency_key']).unique().execute();
      await db.schema.createIndex('payments_reference').on('payments').column('reference').unique().execute();
      await db.schema.createIndex('payments_family_time').on('payments').columns(['primary_api_key', 'created_at']).execute();
      await db.schema.createIndex('payments_status').on('payments').columns(['status', 'updated_at']).execute();
    },
  };
}
