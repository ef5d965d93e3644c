import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['two\nlines', 1.5]])).toBe(
      'a,b\r\n"x,y","say ""hi"""\r\n"two\nlines",1.5\r\n',
    );
  });

  it('writes empty cells for null and undefined', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, 0]])).toBe('a,b,c\r\n,,0\r\n');
  });

  it('keeps text that looks like a formula as text', () => {
    expect(toCsv(['ref'], [['=1+2'], ['@SUM(A1)'], ['-5'], ['plain']])).toBe("ref\r\n'=1+2\r\n'@SUM(A1)\r\n'-5\r\nplain\r\n");
  });

  it('leaves negative numbers alone', () => {
    expect(toCsv(['n'], [[-40]])).toBe('n\r\n-40\r\n');
  });
});
