import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  balanceTransferListSchema,
  balanceTransferSchema,
  createSubaccountRequestSchema,
  createdSubaccountSchema,
  creditTransferListSchema,
  creditTransferSchema,
  modifySubaccountRequestSchema,
  primaryKeyParamsSchema,
  subaccountListSchema,
  subaccountParamsSchema,
  subaccountSchema,
  transferListQuerySchema,
  transferRequestSchema,
} from '../../../contract/subaccounts.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, actorOf } from '../../platform/auth/access.js';
import { actorLabel } from '../../platform/auth/actor.js';
import type { Permission } from '../../platform/auth/permissions.js';
import { idempotencyOf, runIdempotent } from '../../platform/idempotency.js';
import { subaccountsErrorHandler } from './errors.js';
import { publicSubaccountListJson } from './public-list.js';
import { createSubaccount, getSubaccount, modifySubaccount } from './subaccounts.js';
import { listTransfers, transfer, type TransferKind, type TransferView } from './transfers.js';

// `{api_key}` is the caller's family (its primary); the subaccount or transfer sides it names must be in scope.
const onFamily = (permission: Permission) => ({ access: { auth: 'api', permission, account: { family: 'api_key' } } }) as const;
const onSubaccount = (permission: Permission) =>
  ({ access: { auth: 'api', permission, account: { family: 'api_key' }, within: ['params.subaccount_key'] } }) as const;
const onTransfer = { access: { auth: 'api', permission: 'subaccounts:transfer', account: { family: 'api_key' }, within: ['body.from', 'body.to'] } } as const;

/** The Subaccounts API at its spec paths; the console calls the same routes with its session. */
export const subaccountsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.setErrorHandler(subaccountsErrorHandler);

  app.get(
    '/accounts/:api_key/subaccounts',
    {
      config: onFamily('subaccounts:read'),
      schema: { tags: ['subaccounts'], summary: 'The primary account and all its subaccounts, with totals', params: primaryKeyParamsSchema, response: { 200: subaccountListSchema } },
    },
    // A string payload is sent as it is: the database built this JSON (see public-list.ts).
    async (request, reply) => reply.type('application/json').send((await publicSubaccountListJson(ctx, accountOf(request), actorOf(request).scope)) as never),
  );

  app.post(
    '/accounts/:api_key/subaccounts',
    {
      config: onFamily('subaccounts:write'),
      schema: { tags: ['subaccounts'], summary: 'Create a subaccount (its secret is returned this once)', params: primaryKeyParamsSchema, body: createSubaccountRequestSchema, response: { 200: createdSubaccountSchema } },
    },
    async (request) => createSubaccount(ctx, accountOf(request), request.body, authorOf(request)),
  );

  app.get(
    '/accounts/:api_key/subaccounts/:subaccount_key',
    { config: onSubaccount('subaccounts:read'), schema: { tags: ['subaccounts'], params: subaccountParamsSchema, response: { 200: subaccountSchema } } },
    async (request) => getSubaccount(ctx, accountOf(request), request.params.subaccount_key),
  );

  app.patch(
    '/accounts/:api_key/subaccounts/:subaccount_key',
    {
      config: onSubaccount('subaccounts:write'),
      schema: { tags: ['subaccounts'], summary: 'Rename, suspend, reactivate, or switch to its own balance', params: subaccountParamsSchema, body: modifySubaccountRequestSchema, response: { 200: subaccountSchema } },
    },
    async (request) => modifySubaccount(ctx, accountOf(request), request.params.subaccount_key, request.body, authorOf(request)),
  );

  for (const kind of ['credit', 'balance'] as const satisfies TransferKind[]) {
    const path = kind === 'credit' ? 'credit-transfers' : 'balance-transfers';
    const idField = kind === 'credit' ? 'credit_transfer_id' : 'balance_transfer_id';
    const listKey = kind === 'credit' ? 'credit_transfers' : 'balance_transfers';

    app.get(
      `/accounts/:api_key/${path}`,
      {
        config: onFamily('subaccounts:read'),
        schema: {
          tags: ['subaccounts'],
          summary: `${kind === 'credit' ? 'Credit' : 'Balance'} transfers since start_date`,
          params: primaryKeyParamsSchema,
          querystring: transferListQuerySchema,
          response: { 200: kind === 'credit' ? creditTransferListSchema : balanceTransferListSchema },
        },
      },
      async (request) => {
        const primary = accountOf(request);
        const transfers = await listTransfers(ctx, primary, kind, request.query, actorOf(request).scope);
        return {
          _links: { self: { href: `/accounts/${primary.api_key}/${path}` } },
          _embedded: { [listKey]: transfers.map((t) => ({ ...t, [idField]: t.id })) },
        } as never;
      },
    );

    app.post(
      `/accounts/:api_key/${path}`,
      {
        config: onTransfer,
        schema: {
          tags: ['subaccounts'],
          summary: `Transfer ${kind} between the primary and a subaccount (accepts Idempotency-Key)`,
          params: primaryKeyParamsSchema,
          body: transferRequestSchema,
          response: { 200: kind === 'credit' ? creditTransferSchema : balanceTransferSchema },
        },
      },
      async (request, reply) => {
        const primary = accountOf(request);
        const result = await runIdempotent(
          ctx.database,
          ctx.clock,
          {
            ...idempotencyOf(request),
            primaryApiKey: primary.api_key,
            method: request.method,
            path: request.url.split('?')[0],
            body: request.body,
          },
          async (tx, storeAnswer) => {
            const answer = (done: TransferView) => ({ status: 200, body: { ...done, [idField]: done.id } });
            const done = await transfer(ctx, tx, primary, kind, request.body, actorLabel(actorOf(request)), authorOf(request), (view) => storeAnswer(answer(view)));
            return answer(done);
          },
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(result.status as 200).send(result.body as never);
      },
    );
  }
};
