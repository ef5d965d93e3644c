import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** E.164 form and country of a phone number typed for a country; null when it is not a valid number. */
export function normalisePhone(phone: string, country: string): { e164: string; country: string } | null {
  const parsed = parsePhoneNumberFromString(phone, country as CountryCode);
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? country };
}

export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)} ••• •••${e164.slice(-3)}`;
}
