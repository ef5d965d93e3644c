import type { Kysely } from 'kysely';

/**
 * Renewals of rented numbers (issue 14). `number_renewals` holds one row per number, rental start
 * day and period: the period was charged, or the number released for want of credit. Its primary key
 * is what makes a renewal happen once, whichever runner gets there first, and it survives a transfer
 * between the primary and a subaccount (the new rental keeps the start day). `number_renewal_warnings`
 * holds the warnings e-mailed 3 days before a renewal the balance would not cover, once per period.
 */
export function numberRenewals() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('number_renewals')
        .addColumn('msisdn', 'text', (c) => c.notNull().references('numbers.msisdn'))
        .addColumn('started_on', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('rental_id', 'text', (c) => c.notNull().references('number_rentals.id'))
        .addColumn('renewal_day', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('payer_api_key', 'text', (c) => c.notNull())
        .addColumn('amount_micros', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('number_renewals_key', ['msisdn', 'started_on', 'period'])
        .execute();
      await db.schema
        .createTable('number_renewal_warnings')
        .addColumn('msisdn', 'text', (c) => c.notNull().references('numbers.msisdn'))
        .addColumn('started_on', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('payer_api_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('number_renewal_warnings_key', ['msisdn', 'started_on', 'period'])
        .execute();
    },
  };
}
