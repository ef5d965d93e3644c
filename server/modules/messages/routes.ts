import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { messageDetailSchema, messageFilterSchema, messagePageSchema, messageParamsSchema, messageSearchSchema, messageSettingsSchema } from '../../../contract/messages.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { notFound } from '../../platform/problems.js';
import { messagesCsv } from './export-messages.js';
import { messageDetail, searchMessages } from './search.js';
import { messageSettings, updateMessageSettings } from './settings.js';

const readMessages = { access: { auth: 'session', permission: 'usage:read', account: { family: true } } } as const;
const tags = ['messages'];

export const messagesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/messages',
    {
      config: readMessages,
      schema: {
        tags,
        summary: 'Search the messages sent and received by the account and its subaccounts, newest first (a scoped member sees only their subaccounts)',
        querystring: messageSearchSchema,
        response: { 200: messagePageSchema },
      },
    },
    async (request) => searchMessages(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.query, ctx.clock.now()),
  );

  app.get(
    '/api/messages/export.csv',
    {
      config: readMessages,
      schema: { tags, summary: 'The messages the search selects, as CSV (streamed)', querystring: messageFilterSchema, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const now = ctx.clock.now();
      const stream = messagesCsv(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.query, now);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="messages-${now.toISOString().slice(0, 10)}.csv"`)
        .send(stream);
    },
  );

  app.get(
    '/api/messages/settings',
    { config: readMessages, schema: { tags, summary: 'Whether message text is stored', response: { 200: messageSettingsSchema } } },
    async (request) => messageSettings(ctx, accountOf(request).api_key),
  );

  app.put(
    '/api/messages/settings',
    {
      config: { access: { auth: 'session', permission: 'api_settings:write', account: { own: true } } },
      schema: { tags, summary: "Store the first 160 characters of each message's text, or none of it", body: messageSettingsSchema, response: { 200: messageSettingsSchema } },
    },
    async (request) => updateMessageSettings(ctx, accountOf(request).primary_api_key, request.body, authorOf(request)),
  );

  app.get(
    '/api/messages/:id',
    {
      config: readMessages,
      schema: { tags, summary: 'A message with its lifecycle, price and webhook attempts', params: messageParamsSchema, response: { 200: messageDetailSchema } },
    },
    async (request) => {
      const detail = await messageDetail(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.params.id);
      if (!detail) throw notFound('No message with this id in your account');
      return detail;
    },
  );
};
