import { mailRelay, type Config } from './config.js';
import type { AppContext } from './context.js';
import type { DatabaseHandle } from './db/database.js';
import { createAbuseLimits } from './platform/abuse-limits.js';
import { createSessionStore } from './platform/auth/sessions.js';
import { systemClock, type Clock } from './platform/clock.js';
import { createOutboxCarrier, type Carrier } from './platform/delivery/carrier.js';
import { createMailTransport, createMailer, type MailTransport } from './platform/delivery/mailer.js';
import { createOutbox } from './platform/delivery/outbox.js';
import type { PaymentProcessor } from './platform/payments/processor.js';
import { createSandboxProcessor } from './platform/payments/sandbox-processor.js';
import { createStripeProcessor } from './platform/payments/stripe-processor.js';
import { encryptionKey, lazySecretBox, type SecretBox } from './platform/secret-box.js';

export interface ContextOverrides {
  clock?: Clock;
  mailTransport?: MailTransport;
  carrier?: Carrier;
  payments?: PaymentProcessor;
  secretBox?: SecretBox;
}

/** Wires the services every module uses; the server and the operator CLI build it the same way. */
export function buildContext(config: Config, database: DatabaseHandle, overrides: ContextOverrides = {}): AppContext {
  const clock = overrides.clock ?? systemClock;
  const outbox = createOutbox(database.db, clock);
  return {
    config,
    database,
    db: database.db,
    clock,
    outbox,
    mailer: createMailer(outbox),
    mailTransport: overrides.mailTransport ?? createMailTransport({ smtpUrl: mailRelay(config), from: config.MAIL_FROM }),
    carrier: overrides.carrier ?? createOutboxCarrier(outbox),
    sessions: createSessionStore({ db: database.db, clock, ttlHours: config.SESSION_TTL_HOURS }),
    abuseLimits: createAbuseLimits(database.db, clock),
    payments: overrides.payments ?? (config.PAYMENT_PROCESSOR === 'stripe' ? createStripeProcessor(config, database.db, clock) : createSandboxProcessor(database.db, clock)),
    secretBox: overrides.secretBox ?? lazySecretBox(() => encryptionKey(config)),
  };
}
