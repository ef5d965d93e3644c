import type { SmsPrice } from '../../../contract/sms.js';
import { microsToEuros } from '../../../contract/money.js';
import type { Db, Tx } from '../../db/database.js';

export interface CountryPrice {
  country: string;
  priceMicros: number;
}

/** The price of one message part to a country, or null when we do not route there. */
export async function partPrice(db: Db | Tx, country: string): Promise<CountryPrice | null> {
  const row = await db.selectFrom('sms_prices').select(['country', 'price_micros']).where('country', '=', country).executeTakeFirst();
  return row ? { country: row.country, priceMicros: row.price_micros } : null;
}

export async function listPrices(db: Db): Promise<SmsPrice[]> {
  const rows = await db.selectFrom('sms_prices').selectAll().orderBy('country_name').execute();
  return rows.map((row) => ({
    country: row.country,
    country_name: row.country_name,
    dialing_prefix: row.dialing_prefix,
    price: microsToEuros(row.price_micros),
  }));
}
