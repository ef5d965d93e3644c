import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountPathSchema,
  cancelResponseSchema,
  configureNumberRequestSchema,
  consoleBuyRequestSchema,
  consoleSearchQuerySchema,
  consoleSearchResponseSchema,
  consoleTransferRequestSchema,
  numberListQuerySchema,
  numberListSchema,
  numberPathSchema,
  purchaseQuoteQuerySchema,
  purchaseQuoteSchema,
  transferNumberResponseSchema,
} from '../../../contract/numbers.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { invalidInput, ProblemError } from '../../platform/problems.js';
import { consoleSearch, familyNumbers, purchaseQuote } from './console.js';
import { buyNumber, cancelNumber, configureNumber, consoleConfiguration, NumberActionFailed, NumberRequestInvalid, undoCancel } from './numbers.js';
import { transferNumber } from './transfer-number.js';

/**
 * The console's numbers: search, buy, list, configure, cancel and undo, move between the primary and
 * a subaccount. Each acts on the account in its path, which must be in the member's scope, through
 * the same domain functions as the public Numbers API; its refusals read as problems.
 */
export const numbersConsoleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.setErrorHandler((error: FastifyError) => {
    // The Numbers API's 420 is no HTTP status a browser knows: the console reads it as a conflict.
    if (error instanceof NumberActionFailed) {
      throw new ProblemError({ status: 409, title: 'Not possible', detail: consoleWording(error.message) });
    }
    if (error instanceof NumberRequestInvalid) throw invalidInput(error.invalidParameters ?? []);
    throw error;
  });

  const numberRoute = (permission: 'numbers:read' | 'numbers:write') => ({ access: { auth: 'session' as const, permission, account: { account: 'api_key' } } });

  app.get(
    '/api/numbers/available',
    {
      config: { access: { auth: 'session', permission: 'numbers:read', account: { family: true } } },
      schema: { tags: ['numbers'], summary: 'Console: numbers for sale in a country, one page', querystring: consoleSearchQuerySchema, response: { 200: consoleSearchResponseSchema } },
    },
    async (request) => consoleSearch(ctx, request.query),
  );

  app.get(
    '/api/numbers',
    {
      config: { access: { auth: 'session', permission: 'numbers:read', account: { family: true } } },
      schema: { tags: ['numbers'], summary: 'Console: the numbers the family rents, one page', querystring: numberListQuerySchema, response: { 200: numberListSchema } },
    },
    async (request) => familyNumbers(ctx, accountOf(request), request.query, sessionOf(request).scope),
  );

  app.get(
    '/api/accounts/:api_key/numbers/quote',
    {
      config: numberRoute('numbers:read'),
      schema: { tags: ['numbers'], summary: 'Console: what buying a number into this account costs, and the balance after', params: accountPathSchema, querystring: purchaseQuoteQuerySchema, response: { 200: purchaseQuoteSchema } },
    },
    async (request) => purchaseQuote(ctx, accountOf(request), request.query),
  );

  app.post(
    '/api/accounts/:api_key/numbers',
    {
      config: numberRoute('numbers:write'),
      schema: { tags: ['numbers'], summary: 'Console: rent a number into this account (setup price and first month charged at once)', params: accountPathSchema, body: consoleBuyRequestSchema },
    },
    async (request, reply) => {
      await buyNumber(ctx, accountOf(request), request.body, authorOf(request));
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/accounts/:api_key/numbers/:msisdn',
    {
      config: numberRoute('numbers:write'),
      schema: { tags: ['numbers'], summary: 'Console: configure a rented number (its inbound webhook is probed first)', params: numberPathSchema, body: configureNumberRequestSchema },
    },
    async (request, reply) => {
      await configureNumber(ctx, accountOf(request), { msisdn: request.params.msisdn }, consoleConfiguration(request.body), authorOf(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/accounts/:api_key/numbers/:msisdn/cancel',
    {
      config: numberRoute('numbers:write'),
      schema: { tags: ['numbers'], summary: 'Console: cancel a rented number (it can be restored for 5 minutes)', params: numberPathSchema, response: { 200: cancelResponseSchema } },
    },
    async (request) => {
      const country = await countryOf(request.params.msisdn);
      return cancelNumber(ctx, accountOf(request), { msisdn: request.params.msisdn, country }, authorOf(request));
    },
  );

  app.post(
    '/api/accounts/:api_key/numbers/:msisdn/undo-cancel',
    {
      config: numberRoute('numbers:write'),
      schema: { tags: ['numbers'], summary: 'Console: restore a number cancelled less than 5 minutes ago', params: numberPathSchema },
    },
    async (request, reply) => {
      await undoCancel(ctx, accountOf(request), request.params.msisdn, authorOf(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/accounts/:api_key/numbers/:msisdn/transfer',
    {
      config: { access: { auth: 'session', permission: 'numbers:write', account: { account: 'api_key' }, within: ['body.to'] } },
      schema: { tags: ['numbers'], summary: 'Console: move a rented number between the primary and one of its subaccounts', params: numberPathSchema, body: consoleTransferRequestSchema, response: { 200: transferNumberResponseSchema } },
    },
    async (request) => {
      const from = accountOf(request);
      return transferNumber(ctx, { api_key: from.primary_api_key }, { from: from.api_key, to: request.body.to, number: request.params.msisdn, country: request.body.country }, authorOf(request));
    },
  );

  const countryOf = async (msisdn: string) => (await ctx.db.selectFrom('numbers').select('country').where('msisdn', '=', msisdn).executeTakeFirst())?.country ?? '';
};

/** The Numbers API's labels, as a sentence for the console. */
function consoleWording(label: string): string {
  if (label === 'method failed') return 'This number is not available to this account (it may have been rented or released meanwhile).';
  return label.replace(/^method failed: /, '').replace(/^./, (first) => first.toUpperCase());
}
