import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addCardRequestSchema,
  bankTransferRequestSchema,
  completePayPalRequestSchema,
  methodParamsSchema,
  paymentListQuerySchema,
  paymentListSchema,
  paymentMethodListSchema,
  paymentMethodSchema,
  paymentSchema,
  startPayPalResponseSchema,
  topUpRequestSchema,
  topUpResultSchema,
} from '../../../contract/billing.js';
import { deleteMethodQuerySchema } from '../../../contract/auto-reload.js';
import { eurosToMicros, microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, actorOf } from '../../platform/auth/access.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { idempotencyOf } from '../../platform/idempotency.js';
import { ProblemError } from '../../platform/problems.js';
import { addCard, completePayPal, deleteMethod, listMethods, setDefaultMethod, startPayPal } from './methods.js';
import { chargeStoredMethod, listPayments, requestBankTransfer, type PaymentIdempotency } from './payments.js';
import { methodView, paymentView } from './views.js';

/** Every payment request needs an Idempotency-Key: a retry must never pay twice. */
function requiredIdempotency(request: FastifyRequest): PaymentIdempotency {
  const { owner, key } = idempotencyOf(request);
  if (key === undefined || key.length === 0 || key.length > 255) {
    throw new ProblemError({
      status: 422,
      title: 'Idempotency-Key required',
      detail: 'A payment request needs an Idempotency-Key header (1 to 255 characters), so that a retry never pays twice.',
      invalidParameters: [{ name: 'Idempotency-Key', reason: key === undefined ? 'Required' : 'Must be 1 to 255 characters' }],
    });
  }
  return { owner, key };
}

const micros = (euros: number) => eurosToMicros(euros) as number;

/** The console's billing: stored methods, PayPal approval, one-click top-ups, bank transfers and the history. */
export const billingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const read = { access: { auth: 'session' as const, permission: 'billing:read' as const, account: { family: true as const } } };
  const write = { access: { auth: 'session' as const, permission: 'billing:write' as const, account: { family: true as const } } };
  const tags = ['billing'];

  app.get(
    '/api/billing/payment-methods',
    { config: read, schema: { tags, summary: 'Stored payment methods, and how the card form tokenises', response: { 200: paymentMethodListSchema } } },
    async (request) => ({ methods: (await listMethods(ctx, accountOf(request).api_key)).map(methodView), processor: ctx.payments.clientConfig() }),
  );

  app.post(
    '/api/billing/payment-methods/cards',
    {
      config: write,
      schema: { tags, summary: 'Store a card tokenised by the processor (a card belongs to one account only)', body: addCardRequestSchema, response: { 201: paymentMethodSchema } },
    },
    async (request, reply) => reply.status(201).send(methodView(await addCard(ctx, accountOf(request).api_key, request.body, authorOf(request)))),
  );

  app.post(
    '/api/billing/payment-methods/paypal',
    { config: write, schema: { tags, summary: 'Start a PayPal approval: the browser goes to approve_url', response: { 200: startPayPalResponseSchema } } },
    async () => ({ approve_url: (await startPayPal(ctx)).approveUrl }),
  );

  app.post(
    '/api/billing/payment-methods/paypal/complete',
    {
      config: write,
      schema: { tags, summary: 'Store the PayPal account approved in the session (one account only)', body: completePayPalRequestSchema, response: { 201: paymentMethodSchema } },
    },
    async (request, reply) => reply.status(201).send(methodView(await completePayPal(ctx, accountOf(request).api_key, request.body, authorOf(request)))),
  );

  app.post(
    '/api/billing/payment-methods/:method_id/default',
    { config: write, schema: { tags, summary: 'Make a stored method the default', params: methodParamsSchema, response: { 200: paymentMethodSchema } } },
    async (request) => methodView(await setDefaultMethod(ctx, accountOf(request).api_key, request.params.method_id, authorOf(request))),
  );

  app.delete(
    '/api/billing/payment-methods/:method_id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a stored method (the one auto-reload charges only with auto_reload_method_id, the method auto-reload moves to)',
        params: methodParamsSchema,
        querystring: deleteMethodQuerySchema,
      },
    },
    async (request, reply) => {
      await deleteMethod(ctx, accountOf(request).api_key, request.params.method_id, authorOf(request), request.query.auto_reload_method_id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/billing/top-ups',
    {
      config: write,
      schema: {
        tags,
        summary: 'One-click top-up with a stored method (Idempotency-Key required): 200 settled, 202 held for review, 402 declined',
        body: topUpRequestSchema,
        response: { 200: topUpResultSchema, 202: topUpResultSchema },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      const payment = await chargeStoredMethod(ctx, {
        primaryApiKey: account.api_key,
        methodId: request.body.method_id,
        amountMicros: micros(request.body.amount),
        idempotency: requiredIdempotency(request),
        initiatedBy: actorLabel(actorOf(request)),
        author: authorOf(request),
        offSession: false,
      });
      const view = paymentView(payment);
      if (payment.status === 'failed') {
        throw new ProblemError({
          status: 402,
          title: 'Payment declined',
          detail: view.failure?.message ?? 'The payment was declined.',
          extensions: { payment: view },
        });
      }
      // A settled payment carries the balance it left, and it ended DEMO mode; only one held for review reads the account.
      if (payment.status === 'settled' && payment.balance_after_micros !== null) {
        return reply.status(200).send({ payment: view, balance: microsToEuros(payment.balance_after_micros), demo: false });
      }
      const now = await accounts.existingByKey(ctx.db, account.api_key);
      return reply.status(payment.status === 'settled' ? 200 : 202).send({ payment: view, balance: microsToEuros(now.balance_micros), demo: now.demo === 1 });
    },
  );

  app.post(
    '/api/billing/bank-transfers',
    {
      config: write,
      schema: { tags, summary: 'Request a bank transfer: a pending payment with the reference to quote (Idempotency-Key required)', body: bankTransferRequestSchema, response: { 201: paymentSchema } },
    },
    async (request, reply) => {
      const payment = await requestBankTransfer(ctx, {
        primaryApiKey: accountOf(request).api_key,
        amountMicros: micros(request.body.amount),
        idempotency: requiredIdempotency(request),
        initiatedBy: actorLabel(actorOf(request)),
        author: authorOf(request),
      });
      return reply.status(201).send(paymentView(payment));
    },
  );

  app.get(
    '/api/billing/payments',
    { config: read, schema: { tags, summary: 'Billing history, newest first', querystring: paymentListQuerySchema, response: { 200: paymentListSchema } } },
    async (request) => ({ payments: (await listPayments(ctx, accountOf(request).api_key, request.query.limit)).map(paymentView) }),
  );
};
