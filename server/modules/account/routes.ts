import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountSummarySchema } from '../../../contract/account.js';
import { microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import { sessionOf } from '../../platform/auth/access.js';

export const accountRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/account',
    {
      config: { access: { auth: 'session', permission: 'account:read' } },
      schema: { tags: ['account'], summary: 'The signed-in account: balance, credit limit, DEMO mode', response: { 200: accountSummarySchema } },
    },
    async (request) => {
      const account = await ctx.db
        .selectFrom('accounts')
        .selectAll()
        .where('api_key', '=', sessionOf(request).primaryApiKey)
        .executeTakeFirstOrThrow();
      return {
        api_key: account.api_key,
        company_name: account.company_name,
        balance: microsToEuros(account.balance_micros),
        credit_limit: microsToEuros(account.credit_limit_micros),
        available: microsToEuros(account.balance_micros - account.credit_limit_micros),
        demo: account.demo === 1,
        created_at: account.created_at,
      };
    },
  );
};
