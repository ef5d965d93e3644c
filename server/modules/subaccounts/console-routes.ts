import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  subaccountPageQuerySchema,
  subaccountPageSchema,
  transferHistoryQuerySchema,
  transferHistorySchema,
} from '../../../contract/subaccounts.js';
import type { AppContext } from '../../context.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { subaccountPage } from './console-list.js';
import { transferHistory } from './transfer-history.js';

/** The console's paged, searchable list; the public list stays one unpaged response, as the SDK reads it. */
export const subaccountsConsoleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/subaccounts',
    {
      config: { access: { auth: 'session', permission: 'subaccounts:read', account: { family: true } } },
      schema: { tags: ['subaccounts'], summary: 'Console: one page of subaccounts with totals', querystring: subaccountPageQuerySchema, response: { 200: subaccountPageSchema } },
    },
    async (request) => subaccountPage(ctx, accountOf(request), request.query, sessionOf(request).scope),
  );

  app.get(
    '/api/subaccounts/transfers',
    {
      config: { access: { auth: 'session', permission: 'subaccounts:read', account: { family: true } } },
      schema: { tags: ['subaccounts'], summary: 'Console: one page of credit and balance transfers with names, newest first', querystring: transferHistoryQuerySchema, response: { 200: transferHistorySchema } },
    },
    async (request) => transferHistory(ctx, accountOf(request), request.query, sessionOf(request).scope),
  );
};
