import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportQuerySchema, statementFileQuerySchema, statementParamsSchema, statementSchema } from '../../../contract/statements.js';
import type { AppContext } from '../../context.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { activityExport, exportContentTypes, transactionsExport } from './exports.js';
import { statementCsv, statementFilename, statementPdf } from './statement-files.js';
import { statementView, type StatementData } from './statement.js';
import { statementFor } from './statements-store.js';

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

  const accountParamsSchema = statementParamsSchema.extend({ api_key: z.string() });
  const family = { auth: 'session', permission: 'invoices:read', account: { family: true } } as const;
  const oneAccount = { auth: 'session', permission: 'invoices:read', account: { account: 'api_key' } } as const;

  const sendFile = async (reply: FastifyReply, statement: StatementData, format: 'pdf' | 'csv') =>
    format === 'pdf'
      ? reply.header('content-type', 'application/pdf').header('content-disposition', attachment(statementFilename(statement, 'pdf'))).send(await statementPdf(statement))
      : reply.header('content-type', exportContentTypes.csv).header('content-disposition', attachment(statementFilename(statement, 'csv'))).send(statementCsv(statement));

  app.get(
    '/api/statements/:month',
    {
      config: { access: family },
      schema: {
        tags: ['statements'],
        summary: 'The family\'s statement of a month (a scoped member\'s: their subaccounts\' part of it)',
        params: statementParamsSchema,
        response: { 200: statementSchema },
      },
    },
    async (request) =>
      statementView(await statementFor(ctx, { primaryApiKey: accountOf(request).api_key, month: request.params.month, visibleAccounts: visibleSubaccounts(sessionOf(request).scope) })),
  );

  app.get(
    '/api/statements/:month/file',
    {
      config: { access: family },
      schema: { tags: ['statements'], summary: 'The family\'s statement of a month as PDF or CSV', params: statementParamsSchema, querystring: statementFileQuerySchema, produces: ['application/pdf', 'text/csv'] },
    },
    async (request, reply) => {
      const statement = await statementFor(ctx, { primaryApiKey: accountOf(request).api_key, month: request.params.month, visibleAccounts: visibleSubaccounts(sessionOf(request).scope) });
      return sendFile(reply, statement, request.query.format);
    },
  );

  app.get(
    '/api/statements/:month/accounts/:api_key',
    {
      config: { access: oneAccount },
      schema: { tags: ['statements'], summary: 'One account\'s statement of a month (a reseller forwards a subaccount\'s to its customer)', params: accountParamsSchema, response: { 200: statementSchema } },
    },
    async (request) => {
      const account = accountOf(request);
      return statementView(await statementFor(ctx, { primaryApiKey: account.primary_api_key, apiKey: account.api_key, month: request.params.month }));
    },
  );

  app.get(
    '/api/statements/:month/accounts/:api_key/file',
    {
      config: { access: oneAccount },
      schema: { tags: ['statements'], summary: 'One account\'s statement of a month as PDF or CSV', params: accountParamsSchema, querystring: statementFileQuerySchema, produces: ['application/pdf', 'text/csv'] },
    },
    async (request, reply) => {
      const account = accountOf(request);
      return sendFile(reply, await statementFor(ctx, { primaryApiKey: account.primary_api_key, apiKey: account.api_key, month: request.params.month }), request.query.format);
    },
  );
};
