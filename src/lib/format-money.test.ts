import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money.js';

describe('formatMoney', () => {
  it('rounds to cents by default', () => {
    expect(formatMoney(1.959, 'EUR', { locale: 'en-GB' })).toBe('€1.96');
    expect(formatMoney(2, 'EUR', { locale: 'en-GB' })).toBe('€2.00');
  });

  it('shows every micro-euro when exact, and at least cents', () => {
    expect(formatMoney(0.041, 'EUR', { locale: 'en-GB', exact: true })).toBe('€0.041');
    expect(formatMoney(1.992300, 'EUR', { locale: 'en-GB', exact: true })).toBe('€1.9923');
    expect(formatMoney(2, 'EUR', { locale: 'en-GB', exact: true })).toBe('€2.00');
    expect(formatMoney(-60, 'EUR', { locale: 'en-GB', exact: true })).toBe('-€60.00');
  });
});
