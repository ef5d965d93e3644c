import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiRequestFilterOptionsSchema, apiRequestPageSchema, apiRequestQuerySchema, apiRequestSchema, usageRetentionSchema } from '../../../contract/api-requests.js';
import type { AppContext } from '../../context.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { notFound } from '../../platform/problems.js';
import { familyAccounts, findApiRequest, searchApiRequests } from './search.js';

const access = { auth: 'session', permission: 'usage:read', account: { family: true } } as const;

/** The console's search of the family's public API requests (usage:read; a scoped member sees only their subaccounts' keys). */
export const apiRequestsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/api-requests',
    {
      config: { access },
      schema: { tags: ['api-requests'], summary: 'The family\'s API requests the filters select, newest first (keyset-paged)', querystring: apiRequestQuerySchema, response: { 200: apiRequestPageSchema } },
    },
    async (request) => searchApiRequests(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.query),
  );

  app.get(
    '/api/api-requests/filters',
    {
      config: { access },
      schema: { tags: ['api-requests'], summary: 'The endpoints and the family\'s keys the filters offer (a scoped member\'s own subaccounts only)', response: { 200: apiRequestFilterOptionsSchema } },
    },
    async (request) => ({
      endpoints: app.declaredRoutes
        .filter((route) => route.access.auth === 'api' && route.method !== 'HEAD')
        .map((route) => ({ method: route.method, path: route.url }))
        .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method)),
      accounts: await familyAccounts(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope)),
    }),
  );

  app.get(
    '/api/api-requests/retention',
    { config: { access }, schema: { tags: ['api-requests'], summary: 'How long requests, messages and message text are kept', response: { 200: usageRetentionSchema } } },
    async () => ({
      api_request_days: ctx.config.API_REQUEST_RETENTION_DAYS,
      message_days: ctx.config.MESSAGE_RETENTION_DAYS,
      message_text_days: ctx.config.MESSAGE_TEXT_RETENTION_DAYS,
    }),
  );

  app.get(
    '/api/api-requests/:id',
    {
      config: { access },
      schema: { tags: ['api-requests'], summary: 'One API request', params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }), response: { 200: apiRequestSchema } },
    },
    async (request) => {
      const found = await findApiRequest(ctx.db, accountOf(request).api_key, visibleSubaccounts(sessionOf(request).scope), request.params.id);
      if (!found) throw notFound('No API request with this id in your account');
      return found;
    },
  );
};
