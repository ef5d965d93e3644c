import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addShortCodeRequestSchema,
  configureShortCodeRequestSchema,
  shortCodeListSchema,
  shortCodeOptionsSchema,
  shortCodeParamsSchema,
  shortCodeViewSchema,
} from '../../../contract/short-codes.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { addShortCode, configureShortCode, listShortCodes, releaseShortCode, shortCodeOptions } from './short-codes.js';

const tags = ['short-codes'];

/** The console's shared short codes: list, add from the pool, configure ("Update"), release. */
export const shortCodesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/short-codes',
    {
      config: { access: { auth: 'session', permission: 'numbers:read', account: { family: true } } },
      schema: { tags, summary: 'The family\'s shared short codes, with their templates and opt-in values', response: { 200: shortCodeListSchema } },
    },
    async (request) => listShortCodes(ctx.db, accountOf(request).api_key, sessionOf(request).scope),
  );

  app.get(
    '/api/short-codes/options',
    {
      config: { access: { auth: 'session', permission: 'numbers:read', account: { family: true } } },
      schema: { tags, summary: 'The pool of shared short codes and the accounts that may add one', response: { 200: shortCodeOptionsSchema } },
    },
    async (request) => shortCodeOptions(ctx.db, accountOf(request).api_key, sessionOf(request).scope),
  );

  app.post(
    '/api/short-codes',
    {
      config: { access: { auth: 'session', permission: 'numbers:write', account: { family: true }, within: ['body.api_key'] } },
      schema: { tags, summary: 'Add a shared short code to the primary or a subaccount (no fee)', body: addShortCodeRequestSchema, response: { 201: shortCodeViewSchema } },
    },
    async (request, reply) => reply.code(201).send(await addShortCode(ctx, accountOf(request), request.body, authorOf(request))),
  );

  app.put(
    '/api/accounts/:api_key/short-codes/:code',
    {
      config: { access: { auth: 'session', permission: 'numbers:write', account: { account: 'api_key' } } },
      schema: {
        tags,
        summary: 'Configure a short code: message template, messages per day, terms and privacy policy links',
        params: shortCodeParamsSchema,
        body: configureShortCodeRequestSchema,
        response: { 200: shortCodeViewSchema },
      },
    },
    async (request) => configureShortCode(ctx, accountOf(request), request.params.code, request.body, authorOf(request)),
  );

  app.delete(
    '/api/accounts/:api_key/short-codes/:code',
    {
      config: { access: { auth: 'session', permission: 'numbers:write', account: { account: 'api_key' } } },
      schema: { tags, summary: 'Release a short code of an account', params: shortCodeParamsSchema },
    },
    async (request, reply) => {
      await releaseShortCode(ctx, accountOf(request), request.params.code, authorOf(request));
      return reply.code(204).send();
    },
  );
};
