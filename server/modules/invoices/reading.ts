import { zipSync } from 'fflate';
import type { Invoice as InvoiceView, InvoiceList } from '../../../contract/invoices.js';
import { microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { Invoice } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { notFound, ProblemError } from '../../platform/problems.js';
import { invoiceDocument, sellerOf } from './documents.js';
import { invoiceAddresses, invoiceRecipient, queueInvoiceMail } from './invoices.js';
import { documentFilename, documentTitle, renderInvoicePdf } from './pdf.js';

const downloadable = (invoice: Pick<Invoice, 'status'>) => invoice.status === 'final' || invoice.status === 'proforma';

export function invoiceView(invoice: Invoice, creditedNumber: string | null): InvoiceView {
  return {
    id: invoice.id,
    kind: invoice.kind,
    status: invoice.status,
    number: invoice.number,
    payment_id: invoice.payment_id,
    credited_number: creditedNumber,
    date: invoice.issued_at ?? invoice.created_at,
    expected_at: invoice.expected_at,
    amount: microsToEuros(invoice.gross_micros),
    net: microsToEuros(invoice.net_micros),
    vat: microsToEuros(invoice.vat_micros),
    vat_treatment: invoice.vat_treatment,
    method_type: invoice.method_type,
    method_label: invoice.method_label,
    payment_reference: invoice.payment_reference,
    downloadable: downloadable(invoice),
  };
}

export interface InvoiceFilter {
  status?: Invoice['status'];
  from?: string;
  to?: string;
  payment_id?: string;
  page: number;
  page_size: number;
}

/** A family's invoices and credit notes, newest first, one page of them and how many match. */
export async function listInvoices(ctx: AppContext, primaryApiKey: string, filter: InvoiceFilter): Promise<InvoiceList> {
  let query = ctx.db.selectFrom('invoices').where('invoices.primary_api_key', '=', primaryApiKey);
  if (filter.status) query = query.where('invoices.status', '=', filter.status);
  if (filter.payment_id) query = query.where('invoices.payment_id', '=', filter.payment_id);
  // An invoice's date is its date of issue once final, else its creation.
  if (filter.from) query = query.where((eb) => eb(eb.fn.coalesce('invoices.issued_at', 'invoices.created_at'), '>=', `${filter.from}T00:00:00.000Z`));
  if (filter.to) query = query.where((eb) => eb(eb.fn.coalesce('invoices.issued_at', 'invoices.created_at'), '<=', `${filter.to}T23:59:59.999Z`));
  const [rows, count] = await Promise.all([
    query
      .leftJoin('invoices as credited', 'credited.id', 'invoices.credited_invoice_id')
      .selectAll('invoices')
      .select('credited.number as credited_number')
      .orderBy('invoices.created_at', 'desc')
      .orderBy('invoices.id', 'desc')
      .limit(filter.page_size)
      .offset((filter.page - 1) * filter.page_size)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    invoices: rows.map(({ credited_number, ...invoice }) => invoiceView(invoice, credited_number)),
    total: Number(count.total),
    page: filter.page,
    page_size: filter.page_size,
  };
}

/** One of the family's invoices; another family's answers 404, as if it did not exist. */
async function familyInvoice(ctx: AppContext, primaryApiKey: string, invoiceId: string): Promise<Invoice> {
  const invoice = await ctx.db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).where('primary_api_key', '=', primaryApiKey).executeTakeFirst();
  if (!invoice) throw notFound('No such invoice');
  return invoice;
}

function notDownloadable(invoice: Invoice): ProblemError {
  const detail =
    invoice.status === 'pending'
      ? `The card payment is still being reviewed: the invoice is final, and can be downloaded, once it settles (by ${invoice.expected_at?.slice(0, 10)} at the latest).`
      : 'The payment failed: this invoice was never issued.';
  return new ProblemError({ status: 409, title: 'Invoice not issued', detail });
}

export async function invoicePdfFor(ctx: AppContext, primaryApiKey: string, invoiceId: string): Promise<{ filename: string; content: Buffer }> {
  const invoice = await familyInvoice(ctx, primaryApiKey, invoiceId);
  if (!downloadable(invoice)) throw notDownloadable(invoice);
  return { filename: documentFilename(invoice), content: await renderInvoicePdf(await invoiceDocument(ctx.db, invoice), sellerOf(ctx.config)) };
}

/**
 * "Download all shown": the PDFs of the named invoices in one ZIP. Stored, not deflated: PDF streams
 * are compressed already. Invoices not issued (pending, void) are left out; an id of another family is a 404.
 */
export async function invoiceArchive(ctx: AppContext, primaryApiKey: string, ids: string[]): Promise<Buffer> {
  const invoices = await ctx.db.selectFrom('invoices').selectAll().where('primary_api_key', '=', primaryApiKey).where('id', 'in', ids).execute();
  if (invoices.length !== ids.length) throw notFound('No such invoice');
  const issued = invoices.filter(downloadable);
  if (issued.length === 0) {
    throw new ProblemError({ status: 409, title: 'Invoice not issued', detail: 'None of these invoices has been issued yet: there is nothing to download.' });
  }
  const seller = sellerOf(ctx.config);
  const files: Record<string, Uint8Array> = {};
  for (const invoice of issued) files[documentFilename(invoice)] = await renderInvoicePdf(await invoiceDocument(ctx.db, invoice), seller);
  return Buffer.from(zipSync(files, { level: 0 }));
}

/** E-mails an issued invoice again, to the finance e-mail (or the owner's address while none is set). */
export async function sendInvoice(ctx: AppContext, primaryApiKey: string, invoiceId: string, author: ActivityAuthor): Promise<string> {
  const invoice = await familyInvoice(ctx, primaryApiKey, invoiceId);
  if (!downloadable(invoice)) throw notDownloadable(invoice);
  const name = `${documentTitle(invoice)} ${invoice.number ?? invoice.payment_reference ?? ''}`.trim();
  const sentTo = await inTransaction(ctx.database, async (tx) => {
    const to = await invoiceRecipient(tx, primaryApiKey);
    await queueInvoiceMail(tx, ctx, primaryApiKey, invoice.id, name, [`${name} of ${microsToEuros(invoice.gross_micros).toFixed(2)} EUR is attached.`], to);
    await recordActivity(tx, ctx.clock, author, {
      kind: 'invoice.sent',
      primaryApiKey,
      apiKey: primaryApiKey,
      objectId: invoice.id,
      changes: [
        { field: 'invoice', before: null, after: name },
        { field: 'to', before: null, after: to },
      ],
    });
    return to;
  });
  ctx.outbox.wake();
  return sentTo;
}

export async function setFinanceEmail(ctx: AppContext, primaryApiKey: string, financeEmail: string | null, author: ActivityAuthor) {
  await inTransaction(ctx.database, async (tx) => {
    const before = await tx.selectFrom('accounts').select('finance_email').where('api_key', '=', primaryApiKey).executeTakeFirstOrThrow();
    await tx.updateTable('accounts').set({ finance_email: financeEmail }).where('api_key', '=', primaryApiKey).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'invoice.finance_email_set',
      primaryApiKey,
      apiKey: primaryApiKey,
      objectId: primaryApiKey,
      changes: before.finance_email === financeEmail ? [] : [{ field: 'finance_email', before: before.finance_email, after: financeEmail }],
    });
  });
  return invoiceAddresses(ctx.db, primaryApiKey);
}
