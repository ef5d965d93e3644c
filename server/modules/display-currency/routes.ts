import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { displayPreferenceSchema, updateDisplayPreferenceRequestSchema } from '../../../contract/display-currency.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { sessionOf } from '../../platform/auth/access.js';
import { readDisplayPreference, setDisplayCurrency } from './preference.js';

const own = { access: { auth: 'session', permission: 'signed-in' } } as const;
const tags = ['display-currency'];

/** The signed-in user's display currency and the current exchange rate. */
export const displayCurrencyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/display-currency',
    { config: own, schema: { tags, summary: 'Your display currency and the USD rate amounts are shown at', response: { 200: displayPreferenceSchema } } },
    async (request) => readDisplayPreference(ctx.db, sessionOf(request).userId),
  );

  app.put(
    '/api/display-currency',
    {
      config: own,
      schema: { tags, summary: 'Show amounts in EUR or (approximately) USD; charges stay in EUR', body: updateDisplayPreferenceRequestSchema, response: { 200: displayPreferenceSchema } },
    },
    async (request) => setDisplayCurrency(ctx, sessionOf(request), request.body.currency, authorOf(request)),
  );
};
