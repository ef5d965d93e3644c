import type { NumberFeature, NumberType } from '../../../contract/numbers.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import { ProblemError } from '../../platform/problems.js';
import { candidates, seededCountries } from './inventory.js';
import { inventoryRows } from './inventory-rows.js';
import { canonicalFeatures } from './numbers.js';

export interface AddNumbers {
  country: string;
  type: NumberType;
  features: NumberFeature[];
  monthlyCostMicros: number;
  setupPriceMicros: number;
  count: number;
}

/**
 * The operator adds `count` new numbers to the inventory, in the country's range for the type (the
 * next valid numbers of it that are not in the inventory yet), each valid per libphonenumber-js.
 */
export async function addNumbers(ctx: AppContext, request: AddNumbers): Promise<{ added: number; first: string; last: string }> {
  const country = seededCountries.find((c) => c.country === request.country);
  const range = country?.ranges.find((r) => r.type === request.type);
  if (!country || !range) {
    const known = seededCountries.map((c) => c.country).join(', ');
    throw new ProblemError({ status: 400, title: 'No number range', detail: `No number range is known for ${request.country}; known countries: ${known}` });
  }
  const features = canonicalFeatures(request.features);
  return inTransaction(ctx.database, async (tx) => {
    const existing = new Set(
      (await tx.selectFrom('numbers').select('msisdn').where('msisdn', 'like', `${country.dialingCode}${range.prefix}%`).execute()).map((row) => row.msisdn),
    );
    const fresh: string[] = [];
    for (const msisdn of candidates(country.dialingCode, range.prefix, country.country, request.type)) {
      if (existing.has(msisdn)) continue;
      fresh.push(msisdn);
      if (fresh.length === request.count) break;
    }
    if (fresh.length < request.count) {
      throw new ProblemError({ status: 409, title: 'Range exhausted', detail: `Only ${fresh.length} more ${request.type} numbers are left in ${request.country}'s range` });
    }
    const rows = inventoryRows(
      fresh.map((msisdn) => ({
        msisdn,
        country: country.country,
        type: request.type,
        features,
        monthly_cost_micros: request.monthlyCostMicros,
        setup_price_micros: request.setupPriceMicros,
        requires_local_address: country.localAddress,
      })),
    );
    for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('numbers').values(rows.slice(i, i + 1000)).execute();
    return { added: fresh.length, first: fresh[0], last: fresh[fresh.length - 1] };
  });
}
