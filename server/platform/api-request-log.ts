import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { ApiRequestsTable } from '../db/schema.js';
import type { Clock } from './clock.js';

type LoggedRequest = Omit<ApiRequestsTable, 'id'>;
interface ErrorSummary {
  type: string | null;
  title: string | null;
}

/** Rows per INSERT statement: 14 columns stay far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_INSERT = 500;
/** While the database refuses the log, rows wait in memory up to this many; older ones are dropped. */
const MAX_WAITING_ROWS = 50_000;
const USER_AGENT_MAX = 300;
const ERROR_BODY_MAX = 8_192;

/**
 * Records every call made with API credentials (for "last API calls" and the usage search): the route
 * template, never the URL (its query may carry `api_secret`), and no body or header but the user
 * agent. The response hook only pushes a row; a timer (or a full batch) writes them in the
 * background, so a crash loses at most the rows not yet written (docs/operations.md).
 */
export function installApiRequestLog(app: FastifyInstance, db: Db, clock: Clock, flushEveryMs = 250): { flush(): Promise<void> } {
  let buffer: LoggedRequest[] = [];
  let pending: Promise<void> = Promise.resolve();
  let queued = false;
  const errors = new WeakMap<FastifyRequest, ErrorSummary>();

  const writeBuffered = async () => {
    queued = false;
    const rows = buffer;
    buffer = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const batch = rows.slice(start, start + ROWS_PER_INSERT);
      try {
        await db.insertInto('api_requests').values(batch).execute();
      } catch (error) {
        app.log.error({ err: error }, 'could not write the API request log; the rows wait for the next flush');
        buffer = [...rows.slice(start), ...buffer].slice(-MAX_WAITING_ROWS);
        return;
      }
    }
  };
  const flush = () => {
    if (!queued) {
      queued = true;
      pending = pending.then(writeBuffered);
    }
    return pending;
  };

  const timer = setInterval(() => {
    if (buffer.length > 0) void flush();
  }, flushEveryMs);
  timer.unref();

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 && request.actor?.kind === 'api_key') errors.set(request, errorSummary(payload));
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const actor = request.actor;
    if (actor?.kind !== 'api_key') return;
    const error = reply.statusCode >= 400 ? errors.get(request) : undefined;
    const userAgent = request.headers['user-agent'];
    buffer.push({
      primary_api_key: actor.primaryApiKey,
      api_key: actor.apiKey,
      method: request.method,
      path: request.routeOptions.url ?? '',
      status: reply.statusCode,
      status_class: Math.floor(reply.statusCode / 100),
      created_at: clock.now().toISOString(),
      request_id: request.id,
      latency_ms: Math.round(reply.elapsedTime),
      error_type: error?.type ?? null,
      error_title: error?.title ?? null,
      client_ip: request.ip,
      user_agent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
    });
    if (buffer.length >= ROWS_PER_INSERT) void flush();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });
  return { flush };
}

/**
 * The error an answer names, whichever family's format it is in: problem+json (`type`, `title`) or the
 * legacy Account/Numbers body (`error-code`, `error-code-label`).
 */
export function errorSummary(payload: unknown): ErrorSummary {
  if (typeof payload !== 'string' || payload.length > ERROR_BODY_MAX) return { type: null, title: null };
  try {
    const body = JSON.parse(payload) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 200) : null);
    return { type: text(body.type) ?? text(body['error-code']), title: text(body.title) ?? text(body['error-code-label']) };
  } catch {
    return { type: null, title: null };
  }
}
