import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { settingsSchema } from '../../../contract/account-api.js';
import { accountSummarySchema, apiCallListQuerySchema, apiCallListSchema } from '../../../contract/account.js';
import { microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { visibleSubaccounts } from '../../platform/auth/scope.js';
import { describeSettings } from './settings.js';

/** The console's own view of the signed-in account. */
export const accountRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/account',
    {
      config: { access: { auth: 'session', permission: 'account:read', account: { family: true } } },
      schema: { tags: ['account'], summary: 'The signed-in account: balance, credit limit, DEMO mode', response: { 200: accountSummarySchema } },
    },
    async (request) => {
      const account = accountOf(request);
      // Only own-balance subaccounts hold credit: a shared one can take no part in a credit transfer.
      const lent = await accounts.subaccountTotals(ctx.db, account.api_key);
      const firstCall = await ctx.db
        .selectFrom('api_requests')
        .select('id')
        .where('primary_api_key', '=', account.api_key)
        .where('status', '<', 400)
        .limit(1)
        .executeTakeFirst();
      return {
        api_key: account.api_key,
        company_name: account.company_name,
        balance: microsToEuros(account.balance_micros),
        credit_limit: microsToEuros(account.credit_limit_micros),
        credit_lent: microsToEuros(-lent.creditLimitMicros),
        available: microsToEuros(account.balance_micros - account.credit_limit_micros),
        demo: account.demo === 1,
        created_at: account.created_at,
        has_successful_api_call: firstCall !== undefined,
      };
    },
  );

  app.get(
    '/api/account/api-calls',
    {
      config: { access: { auth: 'session', permission: 'usage:read', account: { family: true } } },
      schema: { tags: ['account'], summary: 'The latest calls made with the account family\'s API keys', querystring: apiCallListQuerySchema, response: { 200: apiCallListSchema } },
    },
    async (request) => {
      const visible = visibleSubaccounts(sessionOf(request).scope);
      if (visible?.length === 0) return { api_calls: [] };
      let query = ctx.db
        .selectFrom('api_requests')
        .select(['api_key', 'method', 'path', 'status', 'created_at'])
        .where('primary_api_key', '=', accountOf(request).api_key);
      if (visible) query = query.where('api_key', 'in', visible);
      return { api_calls: await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(request.query.limit).execute() };
    },
  );

  app.get(
    '/api/account/settings',
    {
      config: { access: { auth: 'session', permission: 'account:read', account: { family: true } } },
      schema: { tags: ['account'], summary: 'The default webhooks, as POST /account/settings reports them', response: { 200: settingsSchema } },
    },
    async (request) => describeSettings(accountOf(request)),
  );
};
