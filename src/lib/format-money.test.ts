import { describe, expect, it } from 'vitest';
import { conversionNote, formatDisplayMoney, formatMoney } from './format-money.js';

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

describe('formatDisplayMoney', () => {
  const usd = { currency: 'USD', usdPerEur: 1.0832, rateDate: '2026-11-30' } as const;

  it('shows euros as they are', () => {
    expect(formatDisplayMoney(12.345678, { currency: 'EUR' }, 'en-GB')).toBe('€12.345678');
  });

  it('converts to US dollars at the rate and marks them approximate: cents, or four decimals below a dollar', () => {
    expect(formatDisplayMoney(11.39, usd, 'en-GB')).toBe('≈ $12.34');
    expect(formatDisplayMoney(11.39, usd, 'en-US')).toBe('≈ $12.34');
    expect(formatDisplayMoney(0.041, usd, 'en-US')).toBe('≈ $0.0444');
    expect(formatDisplayMoney(-80, usd, 'en-US')).toBe('≈ -$86.66');
  });

  it('names the euro amount, the rate and its day for the tooltip and screen readers', () => {
    expect(conversionNote(11.39, usd, 'en-GB')).toMatch(/^Converted from €11\.39 at \$1\.0832 per euro, the rate of .*2026; charged in EUR\.$/);
    expect(conversionNote(11.39, { currency: 'EUR' })).toBeNull();
  });
});
