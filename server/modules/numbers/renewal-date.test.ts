import { describe, expect, it } from 'vitest';
import { renewalDay } from './renewal-date.js';

const daysOfYear = (year: number) => {
  const days: Date[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) days.push(d);
  return days;
};
const iso = (d: Date) => d.toISOString().slice(0, 10);
const lastOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

describe('renewal day', () => {
  it('follows seed 004: 28.02 → 31.03 → 30.04 (2015), and 31.01 → 28/29.02 → 31.03', () => {
    expect([1, 2].map((p) => renewalDay('2015-02-28', p))).toEqual(['2015-03-31', '2015-04-30']);
    expect([1, 2].map((p) => renewalDay('2015-01-31', p))).toEqual(['2015-02-28', '2015-03-31']);
    expect([1, 2].map((p) => renewalDay('2024-01-31', p))).toEqual(['2024-02-29', '2024-03-31']);
    // 28.02 of a leap year is not the month's last day: it stays the 28th.
    expect([1, 2].map((p) => renewalDay('2024-02-28', p))).toEqual(['2024-03-28', '2024-04-28']);
    expect(renewalDay('2024-02-29', 12)).toBe('2025-02-28');
    expect(renewalDay('2024-02-29', 1)).toBe('2024-03-31');
    expect(renewalDay('2024-03-15', 0)).toBe('2024-03-15');
  });

  for (const year of [2024, 2025]) {
    it(`for every start day of ${year}, over 24 months: same day, or the month's last day`, () => {
      for (const start of daysOfYear(year)) {
        const startDate = start.getUTCDate();
        const startIsLast = startDate === lastOfMonth(year, start.getUTCMonth());
        let previous = iso(start);
        for (let period = 1; period <= 24; period++) {
          const day = renewalDay(iso(start), period);
          const [y, m, d] = day.split('-').map(Number);
          const expectedMonth = (start.getUTCMonth() + period) % 12;
          const expectedYear = year + Math.floor((start.getUTCMonth() + period) / 12);
          expect([y, m - 1], `${iso(start)} period ${period}`).toEqual([expectedYear, expectedMonth]);
          const last = lastOfMonth(y, m - 1);
          expect(d, `${iso(start)} period ${period}`).toBe(startIsLast ? last : Math.min(startDate, last));
          expect(day > previous).toBe(true);
          previous = day;
        }
      }
    });
  }
});
