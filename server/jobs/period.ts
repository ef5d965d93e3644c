import { Cron } from 'croner';
import { DAY, HOUR, MINUTE } from '../platform/clock.js';

const lookBack = [MINUTE, HOUR, DAY, 32 * DAY, 366 * DAY];

/** A schedule used only to compute its ticks: it never fires by itself. */
export const scheduleOf = (pattern: string) => new Cron(pattern, { paused: true, timezone: 'UTC' });

/** The latest tick of the schedule at or before `now`: the period a run at `now` belongs to. */
export function periodStart(schedule: Cron, now: Date): Date | null {
  for (const window of lookBack) {
    let tick = schedule.nextRun(new Date(now.getTime() - window));
    if (!tick || tick > now) continue;
    for (let next = schedule.nextRun(tick); next && next <= now; next = schedule.nextRun(next)) tick = next;
    return tick;
  }
  return null;
}
