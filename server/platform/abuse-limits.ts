import type { Db, Tx } from '../db/database.js';
import type { Clock } from './clock.js';
import { tooManyRequests } from './problems.js';

/** At most `max` events for `subject` within the last `windowMs`. */
export interface AbuseLimit {
  subject: string;
  max: number;
  windowMs: number;
}

/**
 * Limits on what costs us money or helps a guesser (reset e-mails, sign-ups, PIN sends, wrong PINs),
 * counted in the database so that every server process sees the same counts. Check, then record.
 */
export function createAbuseLimits(db: Db, clock: Clock): AbuseLimits {
  async function retryAfterMs(limit: AbuseLimit): Promise<number> {
    const now = clock.now().getTime();
    const recent = await db
      .selectFrom('abuse_events')
      .select('created_at')
      .where('subject', '=', limit.subject)
      .where('created_at', '>', new Date(now - limit.windowMs).toISOString())
      .orderBy('created_at', 'desc')
      .limit(limit.max)
      .execute();
    if (recent.length < limit.max) return 0;
    return new Date(recent[limit.max - 1].created_at).getTime() + limit.windowMs - now;
  }

  return {
    retryAfterMs,
    /** The same limits read and recorded inside `tx`, so that a check and its record are one step under a lock. */
    within: (tx: Tx) => createAbuseLimits(tx, clock),
    /** Throws a 429 naming the wait when any of the limits is reached. */
    async assertWithin(limits: AbuseLimit[], detail: string): Promise<void> {
      const waits = await Promise.all(limits.map(retryAfterMs));
      const wait = Math.max(0, ...waits);
      if (wait > 0) throw tooManyRequests(`${detail} Try again in ${Math.ceil(wait / 60_000)} minutes.`, wait / 1000);
    },
    async record(...subjects: string[]): Promise<void> {
      const createdAt = clock.now().toISOString();
      await db.insertInto('abuse_events').values(subjects.map((subject) => ({ subject, created_at: createdAt }))).execute();
    },
  };
}

export interface AbuseLimits {
  /** How long until one more event for the limit's subject is allowed (0: now). */
  retryAfterMs(limit: AbuseLimit): Promise<number>;
  within(tx: Tx): AbuseLimits;
  assertWithin(limits: AbuseLimit[], detail: string): Promise<void>;
  record(...subjects: string[]): Promise<void>;
}
