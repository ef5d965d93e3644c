import { describe, expect, it } from 'vitest';
import { callingCodeOf, listCountries } from './countries.js';

describe('countries', () => {
  it('lists every numbering plan with its calling code, named in the locale and sorted by name', () => {
    const english = listCountries('en');
    expect(english.length).toBeGreaterThan(200);
    expect(english.find((country) => country.code === 'GB')).toEqual({ code: 'GB', name: 'United Kingdom', callingCode: '44' });
    expect(english.find((country) => country.code === 'US')?.callingCode).toBe('1');
    const names = english.map((country) => country.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(listCountries('de').find((country) => country.code === 'DE')?.name).toBe('Deutschland');
  });

  it('tells the calling code of a country', () => {
    expect(callingCodeOf('FR')).toBe('33');
    expect(callingCodeOf('ZZ')).toBeUndefined();
  });
});
