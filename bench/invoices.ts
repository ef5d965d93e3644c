import type { Invoice } from '../server/db/schema.js';
import { renderInvoicePdf } from '../server/modules/invoices/pdf.js';

/** A final reverse-charge invoice as finalizeInvoice writes it: what every download and e-mail renders. */
const invoice: Invoice = {
  id: '00000000-0000-4000-8000-000000000001',
  primary_api_key: 'abcd1234',
  payment_id: '00000000-0000-4000-8000-000000000002',
  kind: 'invoice',
  status: 'final',
  number: 'INV-2026-000042',
  credited_invoice_id: null,
  refund_sequence: 0,
  gross_micros: 250_000_000,
  net_micros: 250_000_000,
  vat_micros: 0,
  vat_rate_bp: 0,
  vat_treatment: 'reverse_charge',
  method_type: 'card',
  method_label: 'Visa •••• 4242',
  payment_reference: null,
  company_name: 'Grünwald Kommunikation GmbH',
  address_line: 'Leopoldstraße 12',
  address_city: 'München',
  address_postcode: '80802',
  address_country: 'DE',
  vat_number: 'DE136695976',
  expected_at: null,
  issued_at: '2026-03-01T10:00:00.000Z',
  created_at: '2026-03-01T10:00:00.000Z',
  updated_at: '2026-03-01T10:00:00.000Z',
};
const seller = { name: 'Switchboard Ltd', address: '1 Harbour Square, Dublin 2, D02 XY45, Ireland', country: 'IE', vatNumber: 'IE1234567T' };

/** Invoice PDFs rendered one after another for `seconds` (after a warm-up): PDFs per second and the mean size. */
export async function benchInvoicePdf(seconds = 3): Promise<{ perSecond: number; bytes: number }> {
  for (let i = 0; i < 5; i++) await renderInvoicePdf({ invoice, credited: null }, seller);
  const started = performance.now();
  let count = 0;
  let bytes = 0;
  while (performance.now() - started < seconds * 1000) {
    bytes += (await renderInvoicePdf({ invoice, credited: null }, seller)).length;
    count++;
  }
  return { perSecond: count / ((performance.now() - started) / 1000), bytes: bytes / count };
}
