import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { balanceAlertParamsSchema, balanceAlertSchema, runwaySchema, updateBalanceAlertRequestSchema } from '../../../contract/balance-alerts.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf } from '../../platform/auth/access.js';
import { runwayOf } from './runway.js';
import { readBalanceAlert, updateBalanceAlert } from './settings.js';

const tags = ['balance-alerts'];

/** "Invoice & balance alerts" of the primary account and of each own-balance subaccount, and the runway forecast. */
export const balanceAlertsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/balance-alerts/:api_key',
    {
      config: { access: { auth: 'session', permission: 'billing:read', account: { account: 'api_key' } } },
      schema: { tags, summary: 'An account\'s balance alert: on/off, threshold, recipients', params: balanceAlertParamsSchema, response: { 200: balanceAlertSchema } },
    },
    async (request) => readBalanceAlert(ctx.db, accountOf(request)),
  );

  app.put(
    '/api/balance-alerts/:api_key',
    {
      config: { access: { auth: 'session', permission: 'billing:write', account: { account: 'api_key' } } },
      schema: {
        tags,
        summary: 'Change an account\'s balance alert (own-balance accounts only)',
        params: balanceAlertParamsSchema,
        body: updateBalanceAlertRequestSchema,
        response: { 200: balanceAlertSchema },
      },
    },
    async (request) => updateBalanceAlert(ctx, accountOf(request), request.body, authorOf(request)),
  );

  app.get(
    '/api/balance-alerts/:api_key/runway',
    {
      config: { access: { auth: 'session', permission: 'account:read', account: { account: 'api_key' } } },
      schema: { tags, summary: 'When the balance reaches the alert threshold and zero at the last 7 days\' spend', params: balanceAlertParamsSchema, response: { 200: runwaySchema } },
    },
    async (request) => runwayOf(ctx.db, ctx.clock, accountOf(request)),
  );
};
