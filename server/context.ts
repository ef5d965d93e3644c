import type { Config } from './config.js';
import type { DatabaseHandle, Db } from './db/database.js';
import type { Carrier } from './platform/delivery/carrier.js';
import type { MailTransport, Mailer } from './platform/delivery/mailer.js';
import type { Outbox } from './platform/delivery/outbox.js';
import type { SessionStore } from './platform/auth/sessions.js';
import type { AbuseLimits } from './platform/abuse-limits.js';
import type { Clock } from './platform/clock.js';
import type { PaymentProcessor } from './platform/payments/processor.js';
import type { SecretBox } from './platform/secret-box.js';

/** What every module's routes and services are built from; one per app instance. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Db;
  clock: Clock;
  outbox: Outbox;
  /** Queues e-mail. */
  mailer: Mailer;
  /** Sends queued e-mail (the delivery job's end of the queue). */
  mailTransport: MailTransport;
  carrier: Carrier;
  sessions: SessionStore;
  abuseLimits: AbuseLimits;
  /** Takes card and PayPal payments (PAYMENT_PROCESSOR). */
  payments: PaymentProcessor;
  /** Encrypts what must be read back in clear (TOTP secrets). */
  secretBox: SecretBox;
}
