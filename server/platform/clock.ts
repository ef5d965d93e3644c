export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that can be moved forward: tests, and the development server's /dev/clock. */
export interface MovableClock extends Clock {
  advance(milliseconds: number): void;
  /** Back to where it started: the system time, or a manual clock's start. */
  reset(): void;
}

export const isMovable = (clock: Clock): clock is MovableClock => typeof (clock as Partial<MovableClock>).advance === 'function';

/** The system time plus an offset that only grows until it is reset: the development server's clock. */
export class OffsetClock implements MovableClock {
  private offset = 0;

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  advance(milliseconds: number): void {
    this.offset += milliseconds;
  }

  reset(): void {
    this.offset = 0;
  }
}

/** A clock that tests move by hand. */
export class ManualClock implements MovableClock {
  private current: number;
  private readonly start: number;

  constructor(start: Date | string = '2026-01-15T09:00:00.000Z') {
    this.start = new Date(start).getTime();
    this.current = this.start;
  }

  reset(): void {
    this.current = this.start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(time: Date | string): void {
    this.current = new Date(time).getTime();
  }
}

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function isoAfter(clock: Clock, milliseconds: number): string {
  return new Date(clock.now().getTime() + milliseconds).toISOString();
}
