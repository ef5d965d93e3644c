import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Outbound SMS prices per part, in micro-euros, for the first dozen destinations. Kept in the
 * database (the console shows them; the operator can change them); these are the starting values,
 * in the range of published A2P SMS rates.
 */
export const seededSmsPrices = [
  { country: 'GB', country_name: 'United Kingdom', dialing_prefix: '44', price_micros: 41_000 },
  { country: 'US', country_name: 'United States', dialing_prefix: '1', price_micros: 7_700 },
  { country: 'CA', country_name: 'Canada', dialing_prefix: '1', price_micros: 7_900 },
  { country: 'DE', country_name: 'Germany', dialing_prefix: '49', price_micros: 85_200 },
  { country: 'FR', country_name: 'France', dialing_prefix: '33', price_micros: 71_000 },
  { country: 'ES', country_name: 'Spain', dialing_prefix: '34', price_micros: 68_500 },
  { country: 'IT', country_name: 'Italy', dialing_prefix: '39', price_micros: 77_600 },
  { country: 'NL', country_name: 'Netherlands', dialing_prefix: '31', price_micros: 98_000 },
  { country: 'IE', country_name: 'Ireland', dialing_prefix: '353', price_micros: 62_800 },
  { country: 'IN', country_name: 'India', dialing_prefix: '91', price_micros: 4_800 },
  { country: 'BR', country_name: 'Brazil', dialing_prefix: '55', price_micros: 33_300 },
  { country: 'AU', country_name: 'Australia', dialing_prefix: '61', price_micros: 49_500 },
];

export function smsPrices(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await (db as Kysely<{ sms_prices: (typeof seededSmsPrices)[number] }>).insertInto('sms_prices').values(seededSmsPrices).execute();
      // DEMO mode checks "is this a verified test number of the family?" on every send.
      await db.schema.createIndex('test_numbers_family').on('test_numbers').columns(['primary_api_key', 'msisdn']).execute();
    },
  };
}
