import { describe, expect, it } from 'vitest';
import { withQuery } from './url.js';

describe('withQuery', () => {
  it('leaves out empty values and repeats arrays', () => {
    expect(withQuery('/a', { limit: 10, search: '', status: undefined, sub: ['x', 'y z'] })).toBe('/a?limit=10&sub=x&sub=y+z');
  });

  it('returns the bare path when nothing is set', () => {
    expect(withQuery('/a', { search: null })).toBe('/a');
  });
});
