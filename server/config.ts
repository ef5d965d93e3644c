import { z } from 'zod';

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
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().default('sqlite:./data/switchboard.db'),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Switchboard <no-reply@switchboard.local>'),
  SIGNUP_REVIEW_COUNTRIES: commaList,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  MAX_SUBACCOUNTS: z.coerce.number().int().positive().default(1000),
  CALLBACK_PROBE_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** Webhook URLs on loopback/private addresses: refused in production unless set to true. */
  ALLOW_PRIVATE_CALLBACKS: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

export function allowPrivateCallbacks(config: Config): boolean {
  return config.ALLOW_PRIVATE_CALLBACKS ? config.ALLOW_PRIVATE_CALLBACKS === 'true' : config.NODE_ENV !== 'production';
}
