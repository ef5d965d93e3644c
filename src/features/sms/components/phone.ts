import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** "+44 7400 123456" for "+447400123456"; the input unchanged when it is not a phone number. */
export function formatPhone(e164: string): string {
  const normalised = e164.startsWith('+') ? e164 : `+${e164}`;
  return parsePhoneNumberFromString(normalised)?.formatInternational() ?? e164;
}

/** The country (ISO 3166 alpha-2) of an international number, when it can be told. */
export function phoneCountry(value: string): string | null {
  const compact = value.replace(/[\s\-().]/g, '').replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(compact.startsWith('+') ? compact : `+${compact}`);
  return parsed?.country ?? parsed?.getPossibleCountries()[0] ?? null;
}
