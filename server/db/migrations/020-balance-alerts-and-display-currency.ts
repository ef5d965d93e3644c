import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** The rate the migration seeds until the operator sets one (`admin -- set-rate --usd …`). */
export const SEEDED_USD_RATE = { usd_per_eur_micros: 1_083_200, effective_on: '2026-11-30' };

/**
 * Balance alerts (one row per account that has its own settings; `alerted_at` set while the balance
 * is below the threshold and the e-mail for this crossing went out), the exchange rates the console
 * shows USD amounts at, and each user's display currency.
 */
export function balanceAlertsAndDisplayCurrency(dialect: Dialect) {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('balance_alerts')
        .addColumn('api_key', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('threshold_micros', 'bigint', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('alerted_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('balance_alerts_family').on('balance_alerts').columns(['primary_api_key']).execute();

      await db.schema
        .createTable('exchange_rates')
        .addColumn('id', serial, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('per_eur_micros', 'bigint', (c) => c.notNull())
        .addColumn('effective_on', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchange_rates_latest').on('exchange_rates').columns(['currency', 'id']).execute();
      type Rate = { currency: string; per_eur_micros: number; effective_on: string; created_at: string };
      await (db as Kysely<{ exchange_rates: Rate }>)
        .insertInto('exchange_rates')
        .values({ currency: 'USD', per_eur_micros: SEEDED_USD_RATE.usd_per_eur_micros, effective_on: SEEDED_USD_RATE.effective_on, created_at: new Date().toISOString() })
        .execute();

      await db.schema
        .createTable('user_preferences')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('display_currency', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
