import fastifyFormbody from '@fastify/formbody';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { microsToEuros } from '../../../contract/money.js';
import {
  addTestNumberRequestSchema,
  MAX_TEST_NUMBERS,
  smsPriceListSchema,
  smsSendRequestSchema,
  smsSendResponseSchema,
  smsTestRequestSchema,
  smsTestResultSchema,
  testNumberListSchema,
  testNumberParamsSchema,
  testNumberSchema,
  verifyTestNumberRequestSchema,
} from '../../../contract/sms.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, actorOf } from '../../platform/auth/access.js';
import { idempotencyOf } from '../../platform/idempotency.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { ApiAuthError } from '../../platform/auth/api-auth-error.js';
import { PROBLEM_JSON, toProblem } from '../../platform/error-handler.js';
import { invalidParametersOf } from '../../platform/invalid-parameters.js';
import { listPrices } from './pricing.js';
import { recordRefusedRequest } from './refused-requests.js';
import { sendSms, type SmsSender } from './send-sms.js';
import { SmsErrorText, SmsStatus } from './sms-status.js';
import { invalidRequestStatus, smsError, smsResponse } from './sms-wire.js';
import { addTestNumber, deleteTestNumber, listTestNumbers, resendTestPin, verifyTestNumber } from './test-numbers.js';

// Test numbers belong to the family; adding, verifying and removing them acts as its primary.
const readTestNumbers = { access: { auth: 'session', permission: 'account:read', account: { family: true } } } as const;
const manageTestNumbers = { access: { auth: 'session', permission: 'api_settings:write', account: { own: true } } } as const;

export const smsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(smsApiRoutes, { ctx });

  app.get(
    '/api/sms/prices',
    {
      config: { access: { auth: 'session', permission: 'account:read' } },
      schema: { tags: ['sms'], summary: 'SMS price per message part, by destination country (EUR)', response: { 200: smsPriceListSchema } },
    },
    async () => ({ prices: await listPrices(ctx.db) }),
  );

  app.post(
    '/api/sms/test',
    {
      config: { access: { auth: 'session', permission: 'messages:send', account: { own: true } } },
      schema: { tags: ['sms'], summary: 'Send a test SMS from the signed-in account (charged like /sms/json)', body: smsTestRequestSchema, response: { 200: smsTestResultSchema } },
    },
    async (request) => {
      const outcome = await sendSms(
        ctx,
        senderOf(request),
        { from: request.body.from ?? 'Switchboard', to: request.body.to, text: request.body.text, clientRef: request.body.client_ref },
        request.log,
      );
      if (outcome.ok) {
        return {
          status: 0,
          error_text: null,
          to: outcome.to,
          message_id: outcome.partIds[0],
          parts: outcome.partIds.length,
          encoding: outcome.encoding,
          price: microsToEuros(outcome.totalPriceMicros),
          remaining_balance: microsToEuros(outcome.balanceAfterMicros),
          demo: outcome.demo,
        };
      }
      return {
        status: Number(outcome.status),
        error_text: outcome.errorText,
        to: outcome.to ?? request.body.to,
        message_id: null,
        parts: 0,
        encoding: null,
        price: 0,
        remaining_balance: outcome.balanceMicros === undefined ? null : microsToEuros(outcome.balanceMicros),
        demo: outcome.demo ?? false,
      };
    },
  );

  app.get(
    '/api/test-numbers',
    { config: readTestNumbers, schema: { tags: ['sms'], summary: 'Test numbers (the only destinations in DEMO mode)', response: { 200: testNumberListSchema } } },
    async (request) => ({ test_numbers: await listTestNumbers(ctx, accountOf(request).api_key), max: MAX_TEST_NUMBERS }),
  );

  app.post(
    '/api/test-numbers',
    {
      config: manageTestNumbers,
      schema: { tags: ['sms'], summary: 'Add a test number and send it a PIN', body: addTestNumberRequestSchema, response: { 201: testNumberSchema } },
    },
    async (request, reply) => reply.status(201).send(await addTestNumber(ctx, accountOf(request).api_key, request.body, authorOf(request))),
  );

  app.post(
    '/api/test-numbers/:id/verify',
    {
      config: manageTestNumbers,
      schema: { tags: ['sms'], params: testNumberParamsSchema, body: verifyTestNumberRequestSchema, response: { 200: testNumberSchema } },
    },
    async (request) => verifyTestNumber(ctx, accountOf(request).api_key, request.params.id, request.body.pin, authorOf(request)),
  );

  app.post(
    '/api/test-numbers/:id/resend',
    { config: manageTestNumbers, schema: { tags: ['sms'], params: testNumberParamsSchema, response: { 200: testNumberSchema } } },
    async (request) => resendTestPin(ctx, accountOf(request).api_key, request.params.id),
  );

  app.delete(
    '/api/test-numbers/:id',
    { config: manageTestNumbers, schema: { tags: ['sms'], params: testNumberParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteTestNumber(ctx, accountOf(request).api_key, request.params.id, authorOf(request));
      return reply.status(204).send(null);
    },
  );
};

/**
 * The public SMS API. Its spec answers HTTP 200 with a per-message status for every refusal
 * (credentials included), so this plugin renders errors its own way.
 */
const smsApiRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.setErrorHandler(smsErrorHandler(ctx));
  // SMS API clients post forms as often as JSON.
  await app.register(fastifyFormbody);

  // Parameters may come in the query string too (old clients put everything there); the body wins.
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) return;
    request.body = { ...(request.query as Record<string, unknown>), ...(body as Record<string, unknown> | undefined) };
  });

  app.post(
    '/sms/json',
    {
      config: { access: { auth: 'api', permission: 'messages:send', account: { own: true } } },
      schema: {
        tags: ['sms'],
        summary: 'Send an SMS (Vonage SMS API): HTTP 200 with a status per message part',
        security: [{ basicAuth: [] }],
        body: smsSendRequestSchema,
        response: { 200: smsSendResponseSchema },
      },
    },
    async (request) => {
      const body = request.body;
      const outcome = await sendSms(
        ctx,
        senderOf(request),
        {
          from: body.from,
          to: body.to,
          text: body.text,
          type: body.type,
          clientRef: body['client-ref'],
          accountRef: body['account-ref'],
          ttlMs: body.ttl,
          statusReportReq: reportRequested(body['status-report-req']),
          callback: body.callback,
        },
        request.log,
      );
      return smsResponse(outcome, { clientRef: body['client-ref'], accountRef: body['account-ref'] });
    },
  );
};

/** `status-report-req` as sent: false only when the caller said so (JSON false, "false" or 0). */
function reportRequested(value: boolean | string | number | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return !(value === false || value === 0 || value === 'false' || value === '0');
}

function senderOf(request: FastifyRequest): SmsSender {
  return { apiKey: accountOf(request).api_key, actor: actorLabel(actorOf(request)), idempotencyKey: idempotencyOf(request).key };
}

const smsErrorHandler = (ctx: AppContext) => async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const status = (code: string, text: string) => reply.status(200).type('application/json').send(smsError(code, text));

  if (error instanceof ApiAuthError) {
    switch (error.reason) {
      case 'bad_credentials':
        return status(SmsStatus.invalidCredentials, SmsErrorText.badCredentials);
      case 'suspended':
        return status(SmsStatus.accountBarred, SmsErrorText.accountBarred);
      case 'throttled':
        reply.headers(error.headers);
        return status(SmsStatus.throttled, SmsErrorText.throttled(Number(error.headers['retry-after'] ?? 1)));
      case 'missing':
        return status(SmsStatus.missingParameters, SmsErrorText.missing(hasParam(request, 'api_key') ? 'api_secret' : 'api_key'));
    }
  }
  const invalidParameters = invalidParametersOf(error, 'request');
  if (invalidParameters) {
    const refusal = invalidRequestStatus(request.body, invalidParameters.map((parameter) => parameter.name.split('.')[0]));
    await recordRefusedRequest(ctx, request, refusal);
    return status(refusal.status, refusal.errorText);
  }
  const problem = toProblem(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(problem.status).headers(problem.headers).type(PROBLEM_JSON).send(problem.body(request.id));
};

function hasParam(request: FastifyRequest, name: string): boolean {
  return [request.query, request.body].some((source) => source !== null && typeof source === 'object' && typeof (source as Record<string, unknown>)[name] === 'string');
}
