import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { exportQuerySchema } from '../../../contract/statements.js';
import type { AppContext } from '../../context.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { activityExport, exportContentTypes, transactionsExport } from './exports.js';

const attachment = (name: string) => `attachment; filename="${name}"`;

export const statementsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const day = () => ctx.clock.now().toISOString().slice(0, 10);

  app.get(
    '/api/exports/transactions',
    {
      config: { access: { auth: 'session', permission: 'invoices:read', account: { family: true } } },
      schema: {
        tags: ['statements'],
        summary: 'Download transactions: the ledger entries the filters select, oldest first, as .xlsx or CSV (streamed; a scoped member gets only their subaccounts\')',
        querystring: exportQuerySchema,
        produces: [exportContentTypes.xlsx, 'text/csv'],
      },
    },
    async (request, reply) => {
      const stream = await transactionsExport(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.query);
      return reply
        .header('content-type', exportContentTypes[request.query.format])
        .header('content-disposition', attachment(`transactions-${day()}.${request.query.format}`))
        .send(stream);
    },
  );

  app.get(
    '/api/exports/activity',
    {
      config: { access: { auth: 'session', permission: 'activity:read', account: { family: true } } },
      schema: {
        tags: ['statements'],
        summary: 'Download account activity: the activity log\'s entries the filters select, newest first, as .xlsx or CSV (streamed; a scoped member gets only their subaccounts\')',
        querystring: exportQuerySchema,
        produces: [exportContentTypes.xlsx, 'text/csv'],
      },
    },
    async (request, reply) => {
      const stream = activityExport(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.query);
      return reply
        .header('content-type', exportContentTypes[request.query.format])
        .header('content-disposition', attachment(`activity-${day()}.${request.query.format}`))
        .send(stream);
    },
  );
};
