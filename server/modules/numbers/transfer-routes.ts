import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { transferNumberRequestSchema, transferNumberResponseSchema } from '../../../contract/numbers.js';
import { primaryKeyParamsSchema } from '../../../contract/subaccounts.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf } from '../../platform/auth/access.js';
import { OutOfScopeError } from '../../platform/auth/authorize.js';
import { subaccountsErrorHandler } from '../subaccounts/errors.js';
import { numberTransferErrors, transferNumber } from './transfer-number.js';

/** `POST /accounts/{api_key}/transfer-number`: the Subaccounts API's number transfer, in its error format. */
export const numberTransferRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.setErrorHandler((error: FastifyError, request) => {
    // A side outside the family: the relationship does not allow the transfer.
    if (error instanceof OutOfScopeError && error.field.startsWith('body.')) throw numberTransferErrors.relationship(request.body as never);
    return subaccountsErrorHandler(error);
  });

  app.post(
    '/accounts/:api_key/transfer-number',
    {
      config: { access: { auth: 'api', permission: 'numbers:write', account: { family: 'api_key' }, within: ['body.from', 'body.to'] } },
      schema: {
        tags: ['subaccounts'],
        summary: 'Move a rented number between the primary and a subaccount',
        params: primaryKeyParamsSchema,
        body: transferNumberRequestSchema,
        response: { 200: transferNumberResponseSchema },
      },
    },
    async (request) => transferNumber(ctx, accountOf(request), request.body, authorOf(request)),
  );
};
