import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { createFailureLimiter } from './failure-limiter.js';

describe('failure limiter', () => {
  it('locks a subject after too many failures in the window, and frees it when the window ends', () => {
    const clock = new ManualClock();
    const limiter = createFailureLimiter({ clock, maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('key')).toBe(0);
      limiter.recordFailure('key');
    }
    clock.advance(20_000);
    expect(limiter.retryAfter('key')).toBe(40);
    expect(limiter.retryAfter('other')).toBe(0);
    clock.advance(40_000);
    expect(limiter.retryAfter('key')).toBe(0);
  });
});
