import type { InventoryNumber } from './inventory.js';

/** Inventory numbers as rows of the numbers table (features also as flags, for the features filter). */
export function inventoryRows(numbers: InventoryNumber[]) {
  return numbers.map((n) => ({
    msisdn: n.msisdn,
    country: n.country,
    type: n.type,
    features: n.features.join(','),
    sms: n.features.includes('SMS') ? 1 : 0,
    voice: n.features.includes('VOICE') ? 1 : 0,
    mms: n.features.includes('MMS') ? 1 : 0,
    monthly_cost_micros: n.monthly_cost_micros,
    setup_price_micros: n.setup_price_micros,
    requires_local_address: n.requires_local_address ? 1 : 0,
  }));
}
