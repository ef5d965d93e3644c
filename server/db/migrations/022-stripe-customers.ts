import type { Kysely } from 'kysely';

/**
 * The Stripe Customer of each Switchboard account (PAYMENT_PROCESSOR=stripe): the cards of one account
 * are attached to its one Customer, created when its first card is stored. Nothing else of Stripe's is
 * kept: cards, charges and refunds live at Stripe and are named by their ids in payment_methods/payments.
 */
export function stripeCustomers() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('stripe_customers')
        .addColumn('primary_api_key', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
