import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { standardVatRates } from './modules/invoices/vat.js';

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim().toUpperCase())
      .filter(Boolean),
  );

/**
 * Which proxies may tell us the client's address in X-Forwarded-For: off (the socket's address is the
 * client's), a number of hops, or a comma-separated list of proxy addresses/CIDR ranges.
 */
const trustProxy = z
  .string()
  .default('')
  .transform((value, context): false | number | string[] => {
    const text = value.trim().toLowerCase();
    if (text === '' || text === 'off' || text === 'false') return false;
    if (/^\d+$/.test(text)) return Number(text);
    const hops = text.split(',').map((item) => item.trim()).filter(Boolean);
    if (hops.every((hop) => /^[0-9a-f.:]+(\/\d{1,3})?$/.test(hop))) return hops;
    context.addIssue({ code: 'custom', message: 'off, a number of proxy hops, or a comma-separated list of proxy addresses (CIDR allowed)' });
    return z.NEVER;
  });

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Loopback unless set: a development server is not for the network (its outbox reveals PINs and reset links). */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().default('sqlite:./data/switchboard.db'),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  /** `outbox` keeps e-mail in the outbox table instead of relaying it; production needs it said explicitly. */
  MAIL_TRANSPORT: z.enum(['smtp', 'outbox']).optional(),
  /** `on` serves /dev/outbox and /dev/clock on any listener (never in production); `off` nowhere. */
  DEV_OUTBOX: z.enum(['on', 'off']).optional(),
  OUTBOX_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /** Days the API request log and message records are kept; message text is blanked sooner. */
  API_REQUEST_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  MESSAGE_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  MESSAGE_TEXT_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  MAIL_FROM: z.string().default('Switchboard <no-reply@switchboard.local>'),
  SIGNUP_REVIEW_COUNTRIES: commaList,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  MAX_SUBACCOUNTS: z.coerce.number().int().positive().default(1000),
  CALLBACK_PROBE_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** Webhook URLs on loopback/private addresses: refused in production unless set to true. */
  ALLOW_PRIVATE_CALLBACKS: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: trustProxy,
  /** Sign-ups and sign-up PINs accepted per client address and hour (SMS pumping). */
  SIGNUPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** Who takes payments: the built-in sandbox processor (test cards, PayPal), or Stripe. Bank transfers are settled by the operator either way. */
  PAYMENT_PROCESSOR: z.enum(['sandbox', 'stripe']).default('sandbox'),
  /** Stripe's secret API key (sk_live_… / sk_test_…): required with PAYMENT_PROCESSOR=stripe. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Stripe's publishable key (pk_…): the console's card form tokenises with it at Stripe. */
  STRIPE_PUBLISHABLE_KEY: z.string().min(1).optional(),
  /** The signing secret of the Stripe webhook endpoint (whsec_…): events without its signature are refused. */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Where the Stripe SDK sends its requests instead of api.stripe.com: for tests against a local double only. */
  STRIPE_API_HOST: z.string().min(1).optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  /** 32 random bytes in base64: encrypts TOTP secrets at rest (AES-256-GCM). */
  ENCRYPTION_KEY: z.string().optional(),
  /** Where the key is read from when ENCRYPTION_KEY is not set (generated on first start outside production). */
  ENCRYPTION_KEY_FILE: z.string().optional(),
  /** Who invoices are from: the seller's name, one-line address, EU country (its VAT rate applies) and VAT number. */
  SELLER_NAME: z.string().min(1).default('Switchboard Ltd'),
  SELLER_ADDRESS: z.string().min(1).default('1 Harbour Square, Dublin 2, D02 XY45, Ireland'),
  SELLER_COUNTRY: z.enum(Object.keys(standardVatRates) as [string, ...string[]]).default('IE'),
  SELLER_VAT_NUMBER: z.string().min(1).default('IE1234567T'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})
  .refine((config) => config.MAIL_TRANSPORT !== 'smtp' || config.SMTP_URL, { message: 'MAIL_TRANSPORT=smtp needs SMTP_URL', path: ['MAIL_TRANSPORT'] })
  .refine((config) => config.PAYMENT_PROCESSOR !== 'stripe' || config.STRIPE_SECRET_KEY, { message: 'PAYMENT_PROCESSOR=stripe needs STRIPE_SECRET_KEY', path: ['STRIPE_SECRET_KEY'] });

export type Config = z.infer<typeof configSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * What production refuses to start without: a real mail relay (or the outbox chosen on purpose, since
 * it keeps PINs and reset links in the database), and the public origin that e-mailed links point to.
 */
export function productionProblems(config: Config): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!config.PUBLIC_URL) problems.push('PUBLIC_URL must be set in production: links in e-mails would point to localhost.');
  if (!config.SMTP_URL && config.MAIL_TRANSPORT !== 'outbox') {
    problems.push('SMTP_URL must be set in production, or MAIL_TRANSPORT=outbox to keep e-mail in the outbox table on purpose.');
  }
  if (!config.ENCRYPTION_KEY && !config.ENCRYPTION_KEY_FILE) {
    problems.push('ENCRYPTION_KEY (or ENCRYPTION_KEY_FILE) must be set in production: it encrypts two-factor secrets, and a lost key locks their users out.');
  }
  if (config.DEV_OUTBOX === 'on') problems.push('DEV_OUTBOX=on is not allowed in production.');
  if (config.PAYMENT_PROCESSOR === 'stripe') {
    if (!config.STRIPE_WEBHOOK_SECRET) problems.push('STRIPE_WEBHOOK_SECRET must be set in production with PAYMENT_PROCESSOR=stripe: payments held for review settle by its signed webhooks.');
    if (!config.STRIPE_PUBLISHABLE_KEY) problems.push('STRIPE_PUBLISHABLE_KEY must be set in production with PAYMENT_PROCESSOR=stripe: the card form tokenises cards with it at Stripe.');
    if (config.STRIPE_API_PROTOCOL === 'http') problems.push('STRIPE_API_PROTOCOL=http is for tests against a local double, never production.');
  }
  return problems;
}

/** The SMTP relay e-mail goes through, or undefined for the outbox. */
export function mailRelay(config: Config): string | undefined {
  return config.MAIL_TRANSPORT === 'outbox' ? undefined : config.SMTP_URL;
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback';
}

/**
 * The development tools (/dev/outbox, /dev/clock) show every PIN and reset link and move time: only
 * outside production, and only on a loopback listener unless DEV_OUTBOX=on says otherwise.
 */
export function devToolsEnabled(config: Config): boolean {
  if (config.NODE_ENV === 'production' || config.DEV_OUTBOX === 'off') return false;
  return config.DEV_OUTBOX === 'on' || isLoopbackHost(config.HOST);
}

export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

export function allowPrivateCallbacks(config: Config): boolean {
  return config.ALLOW_PRIVATE_CALLBACKS ? config.ALLOW_PRIVATE_CALLBACKS === 'true' : config.NODE_ENV !== 'production';
}
