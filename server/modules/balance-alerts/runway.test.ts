import { describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.js';
import { forecastRunway } from './runway.js';

describe('the runway forecast', () => {
  const now = new Date('2026-11-30T14:00:00.000Z');
  const euros = (amount: number) => amount * 1_000_000;
  const at = (days: number) => new Date(now.getTime() + days * DAY);

  it('divides the balance above each target by the average daily spend of the window', () => {
    // €8.40 spent in 7 days: €1.20 a day; €30 → €18 threshold in 10 days, → zero in 25 days.
    const forecast = forecastRunway({ balanceMicros: euros(30), thresholdMicros: euros(18), spentMicros: euros(8.4), windowDays: 7, now });
    expect(forecast).toEqual({ dailySpendMicros: euros(1.2), thresholdAt: at(10), zeroAt: at(25), daysToThreshold: 10, daysToZero: 25 });
  });

  it('keeps fractions of a day in the date and rounds the days to a tenth', () => {
    const forecast = forecastRunway({ balanceMicros: euros(10), thresholdMicros: null, spentMicros: euros(21), windowDays: 7, now });
    expect(forecast.daysToZero).toBe(3.3);
    expect(forecast.zeroAt).toEqual(new Date(now.getTime() + Math.round((10 / 3) * DAY)));
    expect(forecast.thresholdAt).toBeNull();
    expect(forecast.daysToThreshold).toBeNull();
  });

  it('has no dates without recent spend', () => {
    expect(forecastRunway({ balanceMicros: euros(30), thresholdMicros: euros(5), spentMicros: 0, windowDays: 7, now })).toEqual({
      dailySpendMicros: 0,
      thresholdAt: null,
      zeroAt: null,
      daysToThreshold: null,
      daysToZero: null,
    });
  });

  it('says a target already reached is reached now, with or without spend', () => {
    const below = forecastRunway({ balanceMicros: euros(4), thresholdMicros: euros(5), spentMicros: 0, windowDays: 7, now });
    expect(below).toMatchObject({ thresholdAt: now, daysToThreshold: 0, zeroAt: null });
    const inDebt = forecastRunway({ balanceMicros: euros(-3), thresholdMicros: euros(5), spentMicros: euros(7), windowDays: 7, now });
    expect(inDebt).toMatchObject({ thresholdAt: now, daysToThreshold: 0, zeroAt: now, daysToZero: 0 });
  });

  it('treats money coming back (refunded usage) as no spend rather than a negative one', () => {
    expect(forecastRunway({ balanceMicros: euros(30), thresholdMicros: null, spentMicros: -euros(2), windowDays: 7, now }).zeroAt).toBeNull();
  });
});
