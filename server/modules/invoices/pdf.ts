import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Invoice } from '../../db/schema.js';
import { REVERSE_CHARGE_MENTION } from './vat.js';

/** Who invoices are from (SELLER_* configuration). */
export interface Seller {
  name: string;
  address: string;
  country: string;
  vatNumber: string;
}

/** An invoice and, for a credit note, the number and date of the invoice it corrects. */
export interface InvoiceDocument {
  invoice: Invoice;
  credited: { number: string; issued_at: string } | null;
}

// DejaVu Sans covers the scripts company names come in (Łódź, Ελλάδα, Praha 5 – Smíchov); PDF's
// built-in Helvetica knows only Latin-1. Read once: pdfkit embeds the glyphs each document uses.
const fonts = {
  regular: readFileSync(new URL('./fonts/DejaVuSans.ttf', import.meta.url)),
  bold: readFileSync(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url)),
};

const euros = (micros: number) => `€${(micros / 1_000_000).toLocaleString('en-IE', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
const day = (iso: string) => iso.slice(0, 10);
const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('en-IE', { maximumFractionDigits: 2 })} %`;

export function documentTitle(invoice: Invoice): string {
  if (invoice.kind === 'credit_note') return 'Credit note';
  return invoice.status === 'proforma' ? 'Pro-forma invoice' : 'Invoice';
}

export function documentFilename(invoice: Invoice): string {
  return `${invoice.number ?? `proforma-${invoice.payment_reference ?? invoice.id}`}.pdf`;
}

/** What the customer's block reads: company, address lines, country, VAT number — as snapshotted on the invoice. */
function customerLines(invoice: Invoice): string[] {
  const cityLine = [invoice.address_postcode, invoice.address_city].filter(Boolean).join(' ');
  return [invoice.address_line, cityLine, invoice.address_country].filter((line): line is string => Boolean(line));
}

/**
 * Renders an invoice, pro-forma or credit note. Everything printed comes from the invoice row (a
 * snapshot) and the seller's configuration, and the document's dates are the invoice's own, so a
 * final invoice renders the same bytes however often it is downloaded.
 */
export function renderInvoicePdf({ invoice, credited }: InvoiceDocument, seller: Seller): Promise<Buffer> {
  const title = documentTitle(invoice);
  const date = invoice.issued_at ?? invoice.created_at;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${title} ${invoice.number ?? ''}`.trim(), Author: seller.name, CreationDate: new Date(date), ModDate: new Date(date) },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('bold').fontSize(20).text(title, left, 56);
  doc.font('regular').fontSize(10);
  const meta: [string, string][] = [
    [invoice.kind === 'credit_note' ? 'Credit note number' : 'Invoice number', invoice.number ?? 'Not a VAT invoice: the final invoice follows on receipt of payment'],
    ['Date of issue', day(date)],
  ];
  if (credited) meta.push(['Credits invoice', `${credited.number} of ${day(credited.issued_at)}`]);
  if (invoice.payment_reference) meta.push(['Payment reference', invoice.payment_reference]);
  meta.push(['Payment method', invoice.method_label]);
  doc.moveDown(0.5);
  for (const [label, value] of meta) doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);

  const blocksTop = doc.y + 20;
  const column = width / 2 - 10;
  doc.font('bold').text('From', left, blocksTop, { width: column });
  doc.font('regular').text([seller.name, seller.address, `VAT number: ${seller.vatNumber}`].join('\n'), { width: column });
  const sellerBottom = doc.y;
  doc.font('bold').text('Bill to', left + width / 2 + 10, blocksTop, { width: column });
  doc.font('regular').text([invoice.company_name, ...customerLines(invoice), ...(invoice.vat_number ? [`VAT number: ${invoice.vat_number}`] : [])].join('\n'), { width: column });
  doc.y = Math.max(sellerBottom, doc.y) + 28;

  const amountX = left + width - 120;
  const row = (label: string, value: string, font: 'regular' | 'bold' = 'regular') => {
    const y = doc.y;
    doc.font(font).text(label, left, y, { width: amountX - left - 10 });
    const labelBottom = doc.y;
    doc.font(font).text(value, amountX, y, { width: 120, align: 'right' });
    doc.y = Math.max(labelBottom, doc.y) + 4;
  };
  const rule = () => {
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).stroke();
    doc.y += 6;
  };

  row('Description', 'Amount (EUR)', 'bold');
  rule();
  const line = invoice.kind === 'credit_note' ? 'Refund of prepaid communication services credit' : 'Prepaid communication services credit (account top-up)';
  row(`${line}, account ${invoice.primary_api_key}`, euros(invoice.net_micros));
  rule();
  row('Net', euros(invoice.net_micros));
  row(invoice.vat_treatment === 'reverse_charge' ? 'VAT (reverse charge)' : `VAT ${percent(invoice.vat_rate_bp)}`, euros(invoice.vat_micros));
  row(invoice.kind === 'credit_note' ? 'Total credited' : 'Total (gross)', euros(invoice.gross_micros), 'bold');

  doc.moveDown(1.5);
  if (invoice.vat_treatment === 'reverse_charge') doc.font('bold').text(REVERSE_CHARGE_MENTION, left, doc.y, { width });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(9).text('All amounts in euros (EUR). The balance of the account is credited with the gross amount paid.', left, doc.y, { width });

  doc.end();
  return finished;
}
