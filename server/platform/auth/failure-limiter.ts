import type { Clock } from '../clock.js';

export interface FailureLimiterOptions {
  clock: Clock;
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failed authentications per subject (an API key, a client address) in a fixed window and
 * says how long a subject must wait once it has failed too often. Successful calls are never counted.
 */
export function createFailureLimiter({ clock, maxFailures, windowMs }: FailureLimiterOptions) {
  const windows = new Map<string, { startedAt: number; failures: number }>();

  function current(subject: string) {
    const now = clock.now().getTime();
    const window = windows.get(subject);
    if (!window || now - window.startedAt >= windowMs) return null;
    return { window, now };
  }

  return {
    maxFailures,
    /** Seconds to wait, or 0 when the subject may try. */
    retryAfter(subject: string): number {
      const found = current(subject);
      if (!found || found.window.failures < maxFailures) return 0;
      return Math.ceil((found.window.startedAt + windowMs - found.now) / 1000);
    },
    /** Counts a failure; returns the subject's failures in the current window. */
    recordFailure(subject: string): number {
      const found = current(subject);
      if (found) return (found.window.failures += 1);
      if (windows.size > 100_000) windows.clear();
      windows.set(subject, { startedAt: clock.now().getTime(), failures: 1 });
      return 1;
    },
  };
}

export type FailureLimiter = ReturnType<typeof createFailureLimiter>;
