/** Days in a month of the proleptic Gregorian calendar (`month` 0-11). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** A calendar day, as `YYYY-MM-DD`. */
export type CalendarDay = string;

function parseDay(day: CalendarDay): { year: number; month: number; date: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a calendar day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]) - 1, date: Number(match[3]) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The day a rental started on `startDay` renews for the `period`-th time (period 1: the first renewal).
 * Rentals renew on the same day each month; a rental started on the last day of a month renews on the
 * last day of each month after it (seed 004: 28.02 → 31.03 → 30.04), and a day a shorter month lacks
 * falls on that month's last day (31.01 → 28.02 or 29.02 → 31.03). Counted from the start, never from
 * the previous renewal, so one short month does not shift every renewal after it.
 */
export function renewalDay(startDay: CalendarDay, period: number): CalendarDay {
  if (!Number.isInteger(period) || period < 0) throw new Error(`not a renewal period: ${period}`);
  const start = parseDay(startDay);
  const monthIndex = start.month + period;
  const year = start.year + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const last = daysInMonth(year, month);
  const startedOnLastDay = start.date === daysInMonth(start.year, start.month);
  const date = startedOnLastDay ? last : Math.min(start.date, last);
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(date)}`;
}

/** The calendar day (UTC) of an instant. */
export function dayOf(instant: Date): CalendarDay {
  return instant.toISOString().slice(0, 10);
}
