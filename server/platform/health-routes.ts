import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema } from '../../contract/health.js';
import type { AppContext } from '../context.js';
import { pingDatabase } from '../db/database.js';

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/healthz',
    { config: { access: { auth: 'none' } }, logLevel: 'warn', schema: { tags: ['platform'], response: { 200: healthSchema, 503: healthSchema } } },
    async (request, reply) => {
      try {
        await pingDatabase(ctx.database);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch (error) {
        request.log.error({ err: error }, 'database health check failed');
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
};
