import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { configSchema, type Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { JobRunner } from '../jobs/runner.js';
import { verifyLedger } from '../platform/ledger/verify-ledger.js';
import { ManualClock } from '../platform/clock.js';
import type { MailTransport } from '../platform/delivery/mailer.js';
import { openTestDatabase } from './test-database.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  /** Never started: tests run due jobs (and deliver queued e-mail) with `jobs.runDue()`. */
  jobs: JobRunner;
  url: string;
  flushApiRequestLog(): Promise<void>;
  /** Opens a real port for clients that speak HTTP themselves (the Vonage SDKs); returns the origin. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<Record<keyof Config, string>>;
  mailTransport?: MailTransport;
  /** Captures the request log (otherwise the app logs nothing). */
  logStream?: { write(line: string): void };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { database, url, drop } = await openTestDatabase();
  const clock = new ManualClock();
  const config = configSchema.parse({ NODE_ENV: 'test', DATABASE_URL: url, ...options.config });
  const { app, ctx, jobs, flushApiRequestLog } = await buildApp({
    config,
    database,
    clock,
    mailTransport: options.mailTransport,
    staticRoot: null,
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
  });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    jobs,
    url,
    flushApiRequestLog,
    async listen() {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      return address.replace('[::1]', '127.0.0.1');
    },
    /** Every API test file ends by checking the ledger of everything it did. */
    async close() {
      await app.close();
      // A ledger check that crashes fails the file as surely as one that finds a difference.
      const report = await verifyLedger(database.db).finally(drop);
      if (!report.ok) throw new Error(`ledger does not verify: ${JSON.stringify(report)}`);
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF header on unsafe methods. */
export class Browser {
  private cookie = '';
  csrfToken = '';

  constructor(
    private readonly app: FastifyInstance,
    // Each browser is a client of its own, so the per-address limits do not add up across a test file.
    readonly ip = nextClientAddress(),
  ) {}

  async request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    const unsafe = !['GET', 'HEAD', undefined].includes(options.method as string);
    if (unsafe && options.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({ ...options, headers, remoteAddress: this.ip });
    const setCookie = response.cookies.find((c) => c.name === 'sb_session');
    if (setCookie) this.cookie = setCookie.value ? `sb_session=${setCookie.value}` : '';
    const body = response.headers['content-type']?.toString().includes('json') ? safeJson(response.body) : null;
    if (body && typeof body.csrf_token === 'string') this.csrfToken = body.csrf_token;
    return response;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  post(url: string, payload?: object, extra: { csrf?: boolean } = {}) {
    return this.request({ method: 'POST', url, payload, ...extra });
  }

  delete(url: string, extra: { csrf?: boolean } = {}) {
    return this.request({ method: 'DELETE', url, ...extra });
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

let clients = 0;
const nextClientAddress = () => {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
};
