import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  invoiceArchiveQuerySchema,
  invoiceListQuerySchema,
  invoiceListSchema,
  invoiceParamsSchema,
  invoiceSentSchema,
  invoiceSettingsRequestSchema,
  invoiceSettingsSchema,
} from '../../../contract/invoices.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf } from '../../platform/auth/access.js';
import { invoiceAddresses } from './invoices.js';
import { invoiceArchive, invoicePdfFor, listInvoices, sendInvoice, setFinanceEmail } from './reading.js';

/** The console's Invoices page: the list, PDFs one by one or as a ZIP, e-mailing one again, and where they go. */
export const invoiceRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const read = { access: { auth: 'session' as const, permission: 'invoices:read' as const, account: { family: true as const } } };
  const write = { access: { auth: 'session' as const, permission: 'billing:write' as const, account: { family: true as const } } };
  const tags = ['invoices'];

  app.get(
    '/api/invoices',
    { config: read, schema: { tags, summary: 'Invoices and credit notes, newest first, one page', querystring: invoiceListQuerySchema, response: { 200: invoiceListSchema } } },
    async (request) => listInvoices(ctx, accountOf(request).api_key, request.query),
  );

  app.get(
    '/api/invoices/archive.zip',
    { config: read, schema: { tags, summary: 'The PDFs of the named invoices (those issued) in one ZIP', querystring: invoiceArchiveQuerySchema } },
    async (request, reply) => {
      const zip = await invoiceArchive(ctx, accountOf(request).api_key, request.query.ids);
      return reply.header('content-type', 'application/zip').header('content-disposition', 'attachment; filename="invoices.zip"').send(zip);
    },
  );

  app.get(
    '/api/invoices/:invoice_id/pdf',
    { config: read, schema: { tags, summary: 'An issued invoice, pro-forma or credit note as PDF (409 while a card payment is in review)', params: invoiceParamsSchema } },
    async (request, reply) => {
      const { filename, content } = await invoicePdfFor(ctx, accountOf(request).api_key, request.params.invoice_id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(content);
    },
  );

  app.post(
    '/api/invoices/:invoice_id/send',
    { config: read, schema: { tags, summary: 'E-mail an issued invoice to the finance e-mail (else the account e-mail)', params: invoiceParamsSchema, response: { 200: invoiceSentSchema } } },
    async (request) => ({ sent_to: await sendInvoice(ctx, accountOf(request).api_key, request.params.invoice_id, authorOf(request)) }),
  );

  app.get(
    '/api/invoices/settings',
    { config: read, schema: { tags, summary: 'Where invoices are e-mailed', response: { 200: invoiceSettingsSchema } } },
    async (request) => invoiceAddresses(ctx.db, accountOf(request).api_key),
  );

  app.put(
    '/api/invoices/settings',
    { config: write, schema: { tags, summary: 'Set (or clear) the finance e-mail invoices go to', body: invoiceSettingsRequestSchema, response: { 200: invoiceSettingsSchema } } },
    async (request) => setFinanceEmail(ctx, accountOf(request).api_key, request.body.finance_email, authorOf(request)),
  );
};
