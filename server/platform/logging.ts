import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

const secretParams = /([?&](?:api_secret|secret|password|pin|token)=)[^&]*/gi;

/** Request logs never carry credentials: headers are redacted and secrets are cut from URLs. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.NODE_ENV === 'test' ? 'warn' : config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: {
      req(request) {
        return {
          method: request.method,
          url: request.url.replace(secretParams, '$1[redacted]'),
          remoteAddress: request.ip,
        };
      },
    },
  };
}
