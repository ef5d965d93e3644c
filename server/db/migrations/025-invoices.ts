import type { Kysely } from 'kysely';

/**
 * Invoices (one per payment) and credit notes (one per refund). A row is addressed to the company as it
 * stood when the row last changed status; once `final` it never changes again. `invoice_counters` holds
 * the last number given per series and calendar year: incremented inside the finalising transaction,
 * so numbers are gapless and unique whatever runs concurrently. The finance e-mail is where invoices go
 * instead of the owner's address; an outbox message may carry an attachment rendered when it is sent.
 */
export function invoices() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('invoices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.unique())
        .addColumn('credited_invoice_id', 'text', (c) => c.references('invoices.id'))
        .addColumn('refund_sequence', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('gross_micros', 'bigint', (c) => c.notNull())
        .addColumn('net_micros', 'bigint', (c) => c.notNull())
        .addColumn('vat_micros', 'bigint', (c) => c.notNull())
        .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
        .addColumn('vat_treatment', 'text', (c) => c.notNull())
        .addColumn('method_type', 'text', (c) => c.notNull())
        .addColumn('method_label', 'text', (c) => c.notNull())
        .addColumn('payment_reference', 'text')
        .addColumn('company_name', 'text', (c) => c.notNull())
        .addColumn('address_line', 'text')
        .addColumn('address_city', 'text')
        .addColumn('address_postcode', 'text')
        .addColumn('address_country', 'text')
        .addColumn('vat_number', 'text')
        .addColumn('expected_at', 'text')
        .addColumn('issued_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One invoice per payment, one credit note per refund of it.
      await db.schema.createIndex('invoices_payment').unique().on('invoices').columns(['payment_id', 'kind', 'refund_sequence']).execute();
      await db.schema.createIndex('invoices_list').on('invoices').columns(['primary_api_key', 'created_at', 'id']).execute();

      await db.schema
        .createTable('invoice_counters')
        .addColumn('series', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('invoice_counters_pk', ['series', 'year'])
        .execute();

      await db.schema.alterTable('accounts').addColumn('finance_email', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('attachment', 'text').execute();
    },
  };
}
