import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/min';

export interface Country {
  code: CountryCode;
  name: string;
  callingCode: string;
}

/**
 * Every country libphonenumber-js knows a numbering plan for (the same metadata that validates the
 * numbers), named in the user's language by Intl.DisplayNames and sorted by that name.
 */
export function listCountries(locale?: string): Country[] {
  const names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locale);
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export const countries = listCountries();

const callingCodes = new Map<string, string>(countries.map((country) => [country.code, country.callingCode]));

/** The calling code ("44") of an ISO 3166 alpha-2 country, or undefined when there is none. */
export function callingCodeOf(code: string): string | undefined {
  return callingCodes.get(code);
}

export const countryOptions = countries.map((country) => ({
  value: country.code,
  label: `${country.name} (+${country.callingCode})`,
}));
