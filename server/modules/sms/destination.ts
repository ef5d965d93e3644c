import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The MSISDN of a `to` parameter: E.164 digits without "+", 7 to 15 of them. A leading "+" or "00"
 * and spaces are forgiven (the console types numbers that way); anything else is null.
 */
export function normaliseMsisdn(to: string): string | null {
  const compact = to.replace(/[\s\-().]/g, '').replace(/^(\+|00)/, '');
  return /^\d{7,15}$/.test(compact) ? compact : null;
}

/**
 * The destination country of an MSISDN. A valid number gives its own country; a number that is only
 * possible (right length, unknown range, e.g. the UK drama range 447700900xxx used in every Vonage
 * example) gives the main country of its calling code (GB for 44, US for 1). Otherwise null.
 */
export function destinationCountry(msisdn: string): string | null {
  const parsed = parsePhoneNumberFromString(`+${msisdn}`);
  if (!parsed) return null;
  if (parsed.isValid() && parsed.country) return parsed.country;
  if (!parsed.isPossible()) return null;
  return parsed.getPossibleCountries()[0] ?? null;
}
