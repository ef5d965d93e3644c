import type { VatTreatment } from '../../db/schema.js';

/** The EU member states' standard VAT rates in basis points (2300 = 23 %), as of 2026. */
export const standardVatRates: Record<string, number> = {
  AT: 2000, BE: 2100, BG: 2000, HR: 2500, CY: 1900, CZ: 2100, DK: 2500, EE: 2400, FI: 2550, FR: 2000,
  DE: 1900, GR: 2400, HU: 2700, IE: 2300, IT: 2200, LV: 2100, LT: 2100, LU: 1700, MT: 1800, NL: 2100,
  PL: 2300, PT: 2300, RO: 2100, SK: 2300, SI: 2200, ES: 2100, SE: 2500,
};

export const REVERSE_CHARGE_MENTION = 'Reverse charge – VAT to be accounted for by the recipient, Article 196 Council Directive 2006/112/EC';

const CENT = 10_000;

export interface VatSplit {
  treatment: VatTreatment;
  rateBp: number;
  netMicros: number;
  vatMicros: number;
}

/** The customer's country: the address's, else the VAT number's prefix (Greece's is EL). */
function customerCountry(customer: { address_country: string | null; vat_number: string | null }): string | null {
  if (customer.address_country) return customer.address_country;
  const prefix = customer.vat_number?.slice(0, 2) ?? null;
  return prefix === 'EL' ? 'GR' : prefix;
}

/**
 * How VAT applies to an amount paid (gross: a top-up is credited with what was paid, VAT included). An
 * EU business (a VAT number) in another member state than the seller accounts for the VAT itself
 * (reverse charge, Article 196); everyone else pays the seller country's standard rate.
 */
export function splitVat(grossMicros: number, sellerCountry: string, customer: { address_country: string | null; vat_number: string | null }): VatSplit {
  const country = customerCountry(customer);
  if (customer.vat_number && country && country in standardVatRates && country !== sellerCountry) {
    return { treatment: 'reverse_charge', rateBp: 0, netMicros: grossMicros, vatMicros: 0 };
  }
  const rateBp = standardVatRates[sellerCountry] ?? 0;
  const vatMicros = vatContained(grossMicros, rateBp);
  return { treatment: 'standard', rateBp, netMicros: grossMicros - vatMicros, vatMicros };
}

/** The VAT contained in a gross amount at a rate, rounded to the cent (the net is the rest, so net + VAT = gross exactly). */
export function vatContained(grossMicros: number, rateBp: number): number {
  return Math.round((grossMicros * rateBp) / (10_000 + rateBp) / CENT) * CENT;
}
