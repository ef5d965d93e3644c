import fastifyFormbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { legacyStatusSchema } from '../../../contract/account-api.js';
import { buyRequestSchema, ownedQuerySchema, ownedResponseSchema, searchQuerySchema, searchResponseSchema, updateRequestSchema } from '../../../contract/numbers.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf } from '../../platform/auth/access.js';
import { legacyError } from '../account/public-routes.js';
import { buyNumber, cancelNumber, listOwned, searchAvailable, updateNumber } from './numbers.js';

const SUCCESS = { 'error-code': '200', 'error-code-label': 'success' };
const statusResponses = { 200: legacyStatusSchema, 401: legacyStatusSchema, 420: legacyStatusSchema };

/**
 * The Numbers API on the REST host (vonage-api.md §5): search, buy, cancel, update, and the account's
 * numbers. Legacy `error-code` bodies; POSTs take forms (or JSON); `target_api_key` lets a primary act
 * on one of its subaccounts.
 */
export const numbersPublicRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.setErrorHandler(legacyError);
  await app.register(fastifyFormbody);

  app.get(
    '/number/search',
    {
      config: { access: { auth: 'api', permission: 'numbers:read', account: { own: true } } },
      schema: { tags: ['numbers'], summary: 'Numbers available to rent in a country', querystring: searchQuerySchema, response: { 200: searchResponseSchema } },
    },
    async (request) => searchAvailable(ctx, request.query),
  );

  app.get(
    '/account/numbers',
    {
      config: { access: { auth: 'api', permission: 'numbers:read', account: { own: true } } },
      schema: { tags: ['numbers'], summary: 'The numbers the calling account rents', querystring: ownedQuerySchema, response: { 200: ownedResponseSchema } },
    },
    async (request) => listOwned(ctx, accountOf(request).api_key, request.query),
  );

  app.post(
    '/number/buy',
    {
      config: { access: { auth: 'api', permission: 'numbers:write', account: { own: true }, within: ['body.target_api_key'] } },
      schema: { tags: ['numbers'], summary: 'Rent a number (setup price and first month charged at once)', body: buyRequestSchema, response: statusResponses },
    },
    async (request) => {
      await buyNumber(ctx, accountOf(request), request.body, authorOf(request));
      return SUCCESS;
    },
  );

  app.post(
    '/number/cancel',
    {
      config: { access: { auth: 'api', permission: 'numbers:write', account: { own: true }, within: ['body.target_api_key'] } },
      schema: { tags: ['numbers'], summary: 'Cancel a rented number', body: buyRequestSchema, response: statusResponses },
    },
    async (request) => {
      await cancelNumber(ctx, accountOf(request), request.body, authorOf(request));
      return SUCCESS;
    },
  );

  app.post(
    '/number/update',
    {
      config: { access: { auth: 'api', permission: 'numbers:write', account: { own: true } } },
      schema: { tags: ['numbers'], summary: 'Configure a rented number', body: updateRequestSchema, response: { ...statusResponses, 400: legacyStatusSchema.passthrough() } },
    },
    async (request) => {
      await updateNumber(ctx, accountOf(request), request.body, authorOf(request));
      return SUCCESS;
    },
  );
};
