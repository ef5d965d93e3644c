import { describe, expect, it } from 'vitest';
import { behaviourOf, brandOf, expired, fingerprintOf, luhnValid, parseExpiry, sandboxTestCards } from './sandbox-cards.js';

describe('sandbox cards', () => {
  it('every documented test card passes the Luhn check; a changed digit does not', () => {
    for (const number of Object.keys(sandboxTestCards)) {
      expect(luhnValid(number), number).toBe(true);
      expect(luhnValid(number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10)), number).toBe(false);
    }
  });

  it('knows the brands by their prefixes', () => {
    expect(brandOf('4242424242424242')).toBe('Visa');
    expect(brandOf('5555555555554444')).toBe('Mastercard');
    expect(brandOf('2223003122003222')).toBe('Mastercard');
    expect(brandOf('378282246310005')).toBe('American Express');
    expect(brandOf('6011111111111117')).toBeNull();
  });

  it('any other valid number succeeds; the fingerprint is stable and does not contain the number', () => {
    expect(behaviourOf('4012888888881881')).toBe('succeed');
    expect(behaviourOf('4000000000000002')).toBe('decline_do_not_honor');
    expect(fingerprintOf('4242424242424242')).toBe(fingerprintOf('4242424242424242'));
    expect(fingerprintOf('4242424242424242')).not.toContain('4242');
  });

  it('reads MM/YY and MM/YYYY, and a card is valid through its expiry month', () => {
    expect(parseExpiry('12/30')).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry(' 3 / 2031 ')).toEqual({ month: 3, year: 2031 });
    expect(parseExpiry('13/30')).toBeNull();
    expect(parseExpiry('1230')).toBeNull();
    const now = new Date('2026-12-31T23:00:00Z');
    expect(expired({ month: 12, year: 2026 }, now)).toBe(false);
    expect(expired({ month: 11, year: 2026 }, now)).toBe(true);
  });
});
