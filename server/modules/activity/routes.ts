import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activityPageSchema, activityQuerySchema } from '../../../contract/activity.js';
import type { AppContext } from '../../context.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { listActivity } from './list-activity.js';

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
};
