import fastifyFormbody from '@fastify/formbody';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { balanceSchema, legacyStatusSchema, settingsRequestSchema, settingsSchema, topUpRequestSchema } from '../../../contract/account-api.js';
import { microsToEuros } from '../../../contract/money.js';
import { invalidParametersOf } from '../../platform/invalid-parameters.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, actorOf } from '../../platform/auth/access.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { idempotencyOf } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import { reloadNow } from '../auto-reload/reload.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { ApiAuthError } from '../../platform/auth/api-auth-error.js';
import { isDatabaseUnavailable } from '../../db/database.js';
import { ProblemError, databaseUnavailable } from '../../platform/problems.js';
import { emptyBodyAsObject } from '../../platform/request-body.js';
import { CallbackProbeError, updateSettings } from './settings.js';

/**
 * The Account API on the REST host: /account/get-balance, /account/top-up, /account/settings.
 * Its spec keeps the legacy `error-code` / `error-code-label` bodies.
 */
export const accountPublicRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.setErrorHandler((error: FastifyError, request, reply) => legacyError(error, request, reply));
  // The Account API's clients post forms (the Python SDK among them).
  await app.register(fastifyFormbody);

  app.get(
    '/account/get-balance',
    {
      config: { access: { auth: 'api', permission: 'account:read', account: { own: true } } },
      schema: { tags: ['account'], summary: 'Balance of the calling account, in EUR', response: { 200: balanceSchema } },
    },
    async (request) => {
      const account = accountOf(request);
      const payer = account.use_primary_account_balance === 1 ? await accounts.existingByKey(ctx.db, account.primary_api_key) : account;
      return { value: microsToEuros(payer.balance_micros), autoReload: payer.auto_reload === 1 };
    },
  );

  app.post(
    '/account/top-up',
    {
      config: { access: { auth: 'api', permission: 'billing:write', account: { own: true } } },
      schema: {
        tags: ['account'],
        summary: 'Reload now with the auto-reload method and amount (Idempotency-Key honoured): 200 paid, 202 held for review, 402 declined, 401 while auto-reload is off or paused',
        body: topUpRequestSchema,
        response: { 200: legacyStatusSchema, 202: legacyStatusSchema, 401: legacyStatusSchema, 402: legacyStatusSchema, 409: legacyStatusSchema },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      const send = (status: 200 | 202 | 401 | 402 | 409, label: string) => reply.status(status).send({ 'error-code': String(status), 'error-code-label': label });
      // Auto-reload belongs to the primary account; a subaccount's key has none to repeat.
      if (account.api_key !== account.primary_api_key) return send(401, 'not auto-reload enabled');
      const { key } = idempotencyOf(request);
      const reload = await reloadNow(ctx, account.api_key, key ?? newId(), actorLabel(actorOf(request)), authorOf(request));
      switch (reload.outcome) {
        case 'not_enabled':
          return send(401, 'not auto-reload enabled');
        case 'busy':
          return send(409, 'a reload is already in progress');
        case 'settled':
          return send(200, 'success');
        case 'pending':
          return send(202, 'payment held for review');
        default:
          return send(402, `payment declined: ${reload.payment?.failure_message ?? 'the payment method auto-reload used was removed'}`);
      }
    },
  );

  app.post(
    '/account/settings',
    {
      config: { access: { auth: 'api', permission: 'api_settings:write', account: { own: true } } },
      // No body reads the settings back (the Python SDK does that).
      preValidation: emptyBodyAsObject,
      schema: { tags: ['account'], summary: 'Default webhooks (probed for 200 OK before saving)', body: settingsRequestSchema, response: { 200: settingsSchema } },
    },
    async (request) => updateSettings(ctx, accountOf(request), request.body, authorOf(request)),
  );
};

const OWN_PROBLEM_TYPES = 'https://switchboard.dev/problems/';

/** The legacy `error-code` / `error-code-label` body for every error of the REST host's APIs. */
export function legacyError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, label: string, extra: Record<string, unknown> = {}) =>
    reply.status(status).type('application/json').send({ 'error-code': String(status), 'error-code-label': label, ...extra });
  if (error instanceof ApiAuthError) {
    reply.headers(error.headers);
    if (error.reason === 'throttled') return send(429, 'too many failed authentications');
    return send(401, error.reason === 'suspended' ? 'account suspended' : 'authentication failed');
  }
  if (error instanceof CallbackProbeError) {
    return send(400, error.message, { invalid_parameters: error.failures.map((failure) => ({ name: failure.field, reason: failure.reason })) });
  }
  const invalid = invalidParametersOf(error, 'body');
  if (invalid) {
    return send(400, invalid.map((p) => `${p.name}: ${p.reason}`).join('; '), { invalid_parameters: invalid });
  }
  if (isDatabaseUnavailable(error)) {
    request.log.error({ err: error }, 'request failed: database unavailable');
    const unavailable = databaseUnavailable();
    reply.headers(unavailable.headers);
    return send(unavailable.status, unavailable.message);
  }
  // Our own refusals (a missing permission, a password still to change) keep their problem type, so the console recognises them.
  if (error instanceof ProblemError) {
    const extra: Record<string, unknown> = error.type.startsWith(OWN_PROBLEM_TYPES) ? { type: error.type } : {};
    if (error.invalidParameters) extra.invalid_parameters = error.invalidParameters;
    return send(error.status, error.message, extra);
  }
  // Fastify's own refusals: unreadable JSON, an unsupported media type, a body too large.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return send(error.statusCode, error.message);
  request.log.error({ err: error }, 'request failed');
  return send(500, 'internal error');
}
