import { describe, expect, it } from 'vitest';
import { destinationCountry, normaliseMsisdn } from './destination.js';
import { smsEuros } from './sms-status.js';

describe('destination of a message', () => {
  it('reads E.164 digits and forgives a leading + or 00 and spaces', () => {
    expect(normaliseMsisdn('447700900000')).toBe('447700900000');
    expect(normaliseMsisdn('+44 7700 900000')).toBe('447700900000');
    expect(normaliseMsisdn('0044 7700-900000')).toBe('447700900000');
    expect(normaliseMsisdn('12345')).toBeNull();
    expect(normaliseMsisdn('1234567890123456')).toBeNull();
    expect(normaliseMsisdn('44abc7700900')).toBeNull();
    expect(normaliseMsisdn('')).toBeNull();
  });

  it('finds the country of valid numbers, NANP included', () => {
    expect(destinationCountry('447400123456')).toBe('GB');
    expect(destinationCountry('14155550100')).toBe('US');
    expect(destinationCountry('16135550123')).toBe('CA');
    expect(destinationCountry('4915123456789')).toBe('DE');
    expect(destinationCountry('33612345678')).toBe('FR');
    expect(destinationCountry('919812345678')).toBe('IN');
    expect(destinationCountry('5511912345678')).toBe('BR');
    expect(destinationCountry('61412345678')).toBe('AU');
    expect(destinationCountry('353851234567')).toBe('IE');
  });

  it('routes a possible number of an unknown range to the main country of its calling code', () => {
    expect(destinationCountry('447700900000')).toBe('GB');
  });

  it('gives no country for impossible numbers', () => {
    expect(destinationCountry('4412345')).toBeNull();
    expect(destinationCountry('99912345')).toBeNull();
  });
});

describe('SMS money on the wire', () => {
  it('is euros with 8 decimals, exact', () => {
    expect(smsEuros(33_300)).toBe('0.03330000');
    expect(smsEuros(1_966_700)).toBe('1.96670000');
    expect(smsEuros(0)).toBe('0.00000000');
    expect(smsEuros(2_000_000)).toBe('2.00000000');
    expect(smsEuros(-1_500_001)).toBe('-1.50000100');
    expect(() => smsEuros(0.5)).toThrow();
  });
});
