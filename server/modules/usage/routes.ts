import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { spendQuerySchema, spendSchema } from '../../../contract/usage.js';
import type { AppContext } from '../../context.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { notFound } from '../../platform/problems.js';
import { familyAccounts } from '../api-requests/search.js';
import { familySpend } from './spend.js';

/** Spend at a glance (usage:read): the overview's and each subaccount page's charts. */
export const usageRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/usage/spend',
    {
      config: { access: { auth: 'session', permission: 'usage:read', account: { family: true } } },
      schema: {
        tags: ['usage'],
        summary: 'Spend per day of the last 30 days by product and account, top destinations, message success rate (the family, or one account with api_key)',
        querystring: spendQuerySchema,
        response: { 200: spendSchema },
      },
    },
    async (request) => {
      const primary = accountOf(request).api_key;
      const visible = visibleSubaccounts(sessionOf(request).scope);
      const known = await familyAccounts(ctx.db, primary, visible);
      const names = new Map(known.map((account) => [account.api_key, account.name]));
      const only = request.query.api_key;
      if (only && !names.has(only)) throw notFound('No account with this API key in your account family');
      return familySpend(ctx.db, primary, only ? [only] : visible, ctx.clock.now(), names);
    },
  );
};
