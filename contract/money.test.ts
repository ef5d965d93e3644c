import { describe, expect, it } from 'vitest';
import { eurosToMicros, microsToDecimalText } from './money.js';

describe('microsToDecimalText', () => {
  it('writes micro-euros as exact decimal euros: two decimals unless the amount has more', () => {
    expect(microsToDecimalText(0)).toBe('0.00');
    expect(microsToDecimalText(12_500_000)).toBe('12.50');
    expect(microsToDecimalText(-41_000)).toBe('-0.041');
    expect(microsToDecimalText(-1)).toBe('-0.000001');
    expect(microsToDecimalText(Number.MAX_SAFE_INTEGER)).toBe('9007199254.740991');
    expect(() => microsToDecimalText(0.5)).toThrow();
  });

  it('reads back to the same micro-euros', () => {
    for (const micros of [1, 10, 999_999, 1_000_001, -123_456_789, 70_000_000_000_123]) expect(eurosToMicros(microsToDecimalText(micros))).toBe(micros);
  });
});
