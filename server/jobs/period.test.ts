import { describe, expect, it } from 'vitest';
import { periodStart, scheduleOf } from './period.js';

describe('the period of a schedule', () => {
  const at = (iso: string) => new Date(iso);

  it('is the latest tick at or before now', () => {
    const everyTenMinutes = scheduleOf('*/10 * * * *');
    expect(periodStart(everyTenMinutes, at('2026-01-15T09:09:59.999Z'))).toEqual(at('2026-01-15T09:00:00Z'));
    expect(periodStart(everyTenMinutes, at('2026-01-15T09:10:00Z'))).toEqual(at('2026-01-15T09:10:00Z'));
  });

  it('finds ticks hours, days and months back', () => {
    expect(periodStart(scheduleOf('0 3 * * *'), at('2026-01-15T02:59:00Z'))).toEqual(at('2026-01-14T03:00:00Z'));
    expect(periodStart(scheduleOf('0 0 1 * *'), at('2026-03-31T23:00:00Z'))).toEqual(at('2026-03-01T00:00:00Z'));
    expect(periodStart(scheduleOf('*/5 * * * * *'), at('2026-01-15T09:00:07.300Z'))).toEqual(at('2026-01-15T09:00:05Z'));
  });
});
