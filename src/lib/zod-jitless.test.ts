import { describe, expect, it } from 'vitest';

describe('zod in the browser', () => {
  it('runs without its eval-based JIT once the entry has set its configuration', async () => {
    await import('./zod-jitless.js');
    const { config } = await import('zod/v4/core');
    expect(config().jitless).toBe(true);
  });
});
