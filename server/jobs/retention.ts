import type { Config } from '../config.js';
import { DAY, HOUR } from '../platform/clock.js';

/** How long the purge job keeps what has served its purpose, counted from the time named. */
export function retentions(config: Config) {
  return {
    /** From expiry: an expired session is never valid again. */
    sessions: 0,
    /** From creation: pending and verified sign-ups (with their PIN challenges); the account, once made, lives in accounts/users. */
    signups: 7 * DAY,
    /** From creation: sign-ups waiting for manual review. */
    reviewedSignups: 30 * DAY,
    /** From expiry. */
    passwordResets: DAY,
    /** From expiry: e-mail change links and phone change PINs (profile). */
    profileChanges: DAY,
    /** From creation: a retry with the same Idempotency-Key within this window replays the original answer. */
    idempotencyKeys: 7 * DAY,
    /** From delivery: messages left in the outbox table (development, MAIL_TRANSPORT=outbox, the local carrier). */
    deliveredOutbox: config.OUTBOX_RETENTION_HOURS * HOUR,
    /** From creation: e-mail that could not be sent after every retry. */
    failedOutbox: 7 * DAY,
    /** From the event: what the abuse limits count (sign-ups, PIN sends, wrong PINs, reset requests); their longest window is a day. */
    abuseEvents: DAY,
    /** From start: the runner's own record of runs, read by `admin -- jobs`. */
    jobRuns: 30 * DAY,
    /** From creation: webhooks sent (receipts, inbound SMS) and their attempts, shown with their messages. */
    webhookDeliveries: 30 * DAY,
  };
}
