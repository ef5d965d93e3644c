import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import type { ApiRequestsTable } from '../db/schema.js';
import type { Clock } from './clock.js';

type LoggedRequest = Omit<ApiRequestsTable, 'id'>;

/**
 * Records every call made with API credentials (for "last API calls" and usage search). Rows are
 * buffered and written in batches so that logging never sits on the request's path.
 */
export function installApiRequestLog(app: FastifyInstance, db: Db, clock: Clock, flushEveryMs = 250): { flush(): Promise<void> } {
  let buffer: LoggedRequest[] = [];
  let pending: Promise<void> = Promise.resolve();

  const flush = () => {
    if (buffer.length === 0) return pending;
    const rows = buffer;
    buffer = [];
    pending = pending
      .then(() => db.insertInto('api_requests').values(rows).execute())
      .then(
        () => undefined,
        (error: unknown) => app.log.error({ err: error }, 'could not write the API request log'),
      );
    return pending;
  };

  const timer = setInterval(() => void flush(), flushEveryMs);
  timer.unref();

  app.addHook('onResponse', async (request, reply) => {
    const actor = request.actor;
    if (actor?.kind !== 'api_key') return;
    buffer.push({
      primary_api_key: actor.primaryApiKey,
      api_key: actor.apiKey,
      method: request.method,
      path: request.url.split('?')[0].slice(0, 200),
      status: reply.statusCode,
      created_at: clock.now().toISOString(),
    });
    if (buffer.length >= 500) void flush();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });
  return { flush };
}
