import type { Kysely } from 'kysely';

/**
 * The sandbox payment processor's own records, as a third party would keep them: tokenised cards
 * (fingerprint, brand, last 4, expiry and the test card's behaviour — never the number or the CVC),
 * PayPal approvals and charges. Switchboard's own tables only ever hold its tokens.
 */
export function sandboxProcessor() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sandbox_cards')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('last4', 'text', (c) => c.notNull())
        .addColumn('exp_month', 'integer', (c) => c.notNull())
        .addColumn('exp_year', 'integer', (c) => c.notNull())
        .addColumn('behaviour', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sandbox_paypal_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('return_url', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payer_id', 'text')
        .addColumn('payer_email', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sandbox_charges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('amount_micros', 'bigint', (c) => c.notNull())
        .addColumn('refunded_micros', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decline_code', 'text')
        .addColumn('review_outcome', 'text')
        .addColumn('review_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
