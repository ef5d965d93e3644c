import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Config } from '../../config.js';
import type { Invoice } from '../../db/schema.js';
import { documentFilename, renderInvoicePdf, type InvoiceDocument, type Seller } from './pdf.js';

export function sellerOf(config: Config): Seller {
  return { name: config.SELLER_NAME, address: config.SELLER_ADDRESS, country: config.SELLER_COUNTRY, vatNumber: config.SELLER_VAT_NUMBER };
}

/** An invoice with what its PDF needs besides: the invoice a credit note corrects. */
export async function invoiceDocument(db: Db, invoice: Invoice): Promise<InvoiceDocument> {
  const credited = invoice.credited_invoice_id
    ? await db.selectFrom('invoices').select(['number', 'issued_at']).where('id', '=', invoice.credited_invoice_id).executeTakeFirstOrThrow()
    : null;
  return { invoice, credited: credited ? { number: credited.number as string, issued_at: credited.issued_at as string } : null };
}

/** The PDF of an invoice by id (e-mail attachments): its file name and bytes. */
export async function invoicePdf(ctx: AppContext, id: string): Promise<{ filename: string; content: Buffer }> {
  const invoice = await ctx.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { filename: documentFilename(invoice), content: await renderInvoicePdf(await invoiceDocument(ctx.db, invoice), sellerOf(ctx.config)) };
}
