import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/** Route parameters and query fields whose values are credentials: never written to a log. */
const credentialNames = new Set(['api_secret', 'secret', 'password', 'pin', 'token', 'invitation_token', 'reset_token']);
const REDACTED = '[redacted]';

/** Request logs never carry credentials: headers are redacted and URLs are rebuilt without their credential values. */
export function loggerOptions(config: Config, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    ...(stream ? { stream } : {}),
    level: config.NODE_ENV === 'test' ? 'warn' : config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: {
      req(request) {
        return { method: request.method, url: loggableUrl(request as unknown as FastifyRequest), remoteAddress: request.ip };
      },
    },
  };
}

/**
 * The URL as it may be logged. Works on what Fastify parsed, not on the raw text, so no encoding of a
 * name (`api%5Fsecret`) slips past: a matched route is logged as its pattern with the non-credential
 * parameters filled in, and the query is rebuilt from its parsed fields.
 */
export function loggableUrl(request: Pick<FastifyRequest, 'url' | 'params' | 'query' | 'routeOptions'>): string {
  const pattern = request.routeOptions?.url;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const path = pattern
    ? pattern.replace(/:(\w+)|\*/g, (whole, name?: string) => {
        const key = name ?? '*';
        const value = params[key];
        if (value === undefined) return whole;
        return credentialNames.has(key) ? REDACTED : String(value);
      })
    : request.url.split('?')[0];
  const query = request.query;
  if (!query || typeof query !== 'object' || Object.keys(query).length === 0) return path;
  const fields = Object.entries(query as Record<string, unknown>).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map(
      (item) => `${encodeURIComponent(name)}=${credentialNames.has(name) ? REDACTED : encodeURIComponent(String(item))}`,
    ),
  );
  return `${path}?${fields.join('&')}`;
}
