import { describe, expect, it } from 'vitest';
import { estimateSms } from './sms-parts.js';

describe('estimateSms', () => {
  it('fits 160 GSM-7 characters in one SMS and splits longer texts into 153-septet parts', () => {
    expect(estimateSms('a'.repeat(160))).toEqual({ encoding: 'text', length: 160, parts: 1 });
    expect(estimateSms('a'.repeat(161))).toEqual({ encoding: 'text', length: 161, parts: 2 });
    expect(estimateSms('a'.repeat(306)).parts).toBe(2);
    expect(estimateSms('a'.repeat(307)).parts).toBe(3);
  });

  it('counts extension characters twice and never splits an escape pair', () => {
    expect(estimateSms('€'.repeat(80))).toEqual({ encoding: 'text', length: 160, parts: 1 });
    // 152 septets, then "€" (2) does not fit in the first part's 153.
    expect(estimateSms('a'.repeat(152) + '€' + 'a'.repeat(10)).parts).toBe(2);
    expect(estimateSms('a'.repeat(152) + '€'.repeat(77)).parts).toBe(3);
  });

  it('switches to Unicode for characters outside GSM-7: 70 units, then 67 per part', () => {
    expect(estimateSms('ş'.repeat(70))).toEqual({ encoding: 'unicode', length: 70, parts: 1 });
    expect(estimateSms('ş'.repeat(71)).parts).toBe(2);
    expect(estimateSms('😀'.repeat(35))).toEqual({ encoding: 'unicode', length: 70, parts: 1 });
    // 33 emoji = 66 units; the 34th would straddle the 67-unit part, so it moves whole.
    expect(estimateSms('😀'.repeat(36)).parts).toBe(2);
  });

  it('counts the DEMO suffix like any other text', () => {
    expect(estimateSms('a'.repeat(153) + ' [DEMO]').parts).toBe(2);
  });
});
