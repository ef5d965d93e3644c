import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  SECRET_COMPLEXITY_REASON,
  accountKeyParamsSchema,
  createSecretRequestSchema,
  generatedSecretSchema,
  secretInfoSchema,
  secretListSchema,
  secretParamsSchema,
} from '../../../contract/secrets.js';
import { invalidParametersOf } from '../../platform/invalid-parameters.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf } from '../../platform/auth/access.js';
import { ProblemError } from '../../platform/problems.js';
import { createSecret, generateSecret, getSecret, listSecrets, revokeSecret } from './secrets.js';

// The account in the path: the caller's own, or (for a primary's key or a console user) one of its family.
const read = { access: { auth: 'api', permission: 'account:read', account: { account: 'api_key' } } } as const;
const write = { access: { auth: 'api', permission: 'api_settings:write', account: { account: 'api_key' } } } as const;

/** Secret management, at the Account API's paths (`/accounts/{api_key}/secrets…`). */
export const secretsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.setErrorHandler((error, request, reply) => {
    const invalidParameters = invalidParametersOf(error, 'secret');
    if (invalidParameters) {
      const problem = new ProblemError({
        status: 400,
        type: 'https://developer.nexmo.com/api-errors/account/secret-management#validation',
        title: 'Bad Request',
        detail: 'The request failed due to secret validation errors',
        invalidParameters: invalidParameters.map((parameter) => (parameter.name === 'secret' ? { ...parameter, reason: SECRET_COMPLEXITY_REASON } : parameter)),
      });
      return reply.status(400).type('application/problem+json').send(problem.body(request.id));
    }
    throw error;
  });

  app.get(
    '/accounts/:api_key/secrets',
    { config: read, schema: { tags: ['secrets'], summary: 'List the API secrets of an account', params: accountKeyParamsSchema, response: { 200: secretListSchema } } },
    async (request) => listSecrets(ctx, accountOf(request)),
  );

  app.post(
    '/accounts/:api_key/secrets',
    {
      config: write,
      schema: { tags: ['secrets'], summary: 'Add a chosen API secret', params: accountKeyParamsSchema, body: createSecretRequestSchema, response: { 201: secretInfoSchema } },
    },
    async (request, reply) => reply.status(201).send(await createSecret(ctx, accountOf(request), request.body.secret, authorOf(request))),
  );

  app.get(
    '/accounts/:api_key/secrets/:secret_id',
    { config: read, schema: { tags: ['secrets'], params: secretParamsSchema, response: { 200: secretInfoSchema } } },
    async (request) => getSecret(ctx, accountOf(request), request.params.secret_id),
  );

  app.delete(
    '/accounts/:api_key/secrets/:secret_id',
    { config: write, schema: { tags: ['secrets'], summary: 'Revoke an API secret', params: secretParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeSecret(ctx, accountOf(request), request.params.secret_id, authorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/accounts/:api_key/secrets/generate',
    {
      config: { access: { auth: 'session', permission: 'api_settings:write', account: { account: 'api_key' } } },
      schema: { tags: ['secrets'], summary: 'Console: add a generated secret, shown once', params: accountKeyParamsSchema, response: { 201: generatedSecretSchema } },
    },
    async (request, reply) => reply.status(201).send(await generateSecret(ctx, accountOf(request), authorOf(request))),
  );
};
