import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activityActorsSchema, activityExportQuerySchema, activityPageSchema, activityQuerySchema } from '../../../contract/activity.js';
import type { AppContext } from '../../context.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { activityCsv } from './export-activity.js';
import { activityActors, listActivity } from './list-activity.js';

export const activityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/activity',
    {
      config: { access: { auth: 'session', permission: 'activity:read', account: { family: true } } },
      schema: {
        tags: ['activity'],
        summary: 'Who changed what in the account family, newest first (a scoped member sees only their subaccounts)',
        querystring: activityQuerySchema,
        response: { 200: activityPageSchema },
      },
    },
    async (request) => listActivity(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.query),
  );

  app.get(
    '/api/activity/actors',
    {
      config: { access: { auth: 'session', permission: 'activity:read', account: { family: true } } },
      schema: { tags: ['activity'], summary: 'Who appears in the activity the caller can see (for the actor filter)', response: { 200: activityActorsSchema } },
    },
    async (request) => activityActors(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope)),
  );

  app.get(
    '/api/activity/export.csv',
    {
      config: { access: { auth: 'session', permission: 'activity:read', account: { family: true } } },
      schema: {
        tags: ['activity'],
        summary: 'The entries the filters select, as CSV (streamed; a scoped member gets only their subaccounts\' entries)',
        querystring: activityExportQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const stream = activityCsv(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.query);
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="activity-${day}.csv"`)
        .send(stream);
    },
  );
};
