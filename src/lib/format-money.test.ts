import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money.js';

describe('formatMoney', () => {
  it('shows two decimals when the amount has no more', () => {
    expect(formatMoney(2, 'EUR', 'en-GB')).toBe('€2.00');
    expect(formatMoney(-80, 'EUR', 'en-GB')).toBe('-€80.00');
    expect(formatMoney(0.5, 'EUR', 'en-GB')).toBe('€0.50');
  });

  it('shows every significant decimal down to the micro unit when the amount has more', () => {
    expect(formatMoney(0.041, 'EUR', 'en-GB')).toBe('€0.041');
    expect(formatMoney(423.836, 'EUR', 'en-GB')).toBe('€423.836');
    expect(formatMoney(12.345678, 'EUR', 'en-GB')).toBe('€12.345678');
    expect(formatMoney(1.9923, 'EUR', 'en-GB')).toBe('€1.9923');
  });

  it('uses the display currency and the locale', () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });
});
