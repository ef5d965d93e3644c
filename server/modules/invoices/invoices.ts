import { microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Invoice, InvoiceKind, InvoicesTable, Payment } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { HOUR } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { splitVat, vatContained } from './vat.js';

/** How long a card payment may stay in the processor's review: its pending invoice is expected by then. */
export const CARD_REVIEW_HOURS = 72;

const series: Record<InvoiceKind, string> = { invoice: 'INV', credit_note: 'CN' };

/**
 * The next number of a series in a calendar year: INV-2026-000001. The counter row is incremented by
 * one UPDATE … RETURNING in the caller's transaction, whose row lock makes concurrent finalisations
 * wait for each other's commit: a rolled-back transaction gives its number back, so there are no gaps
 * and no duplicates. The first number of a year creates the row (a concurrent twin waits, then finds it).
 */
export async function nextNumber(tx: Tx, kind: InvoiceKind, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const increment = () =>
    tx
      .updateTable('invoice_counters')
      .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
      .where('series', '=', series[kind])
      .where('year', '=', year)
      .returning('last_number')
      .executeTakeFirst();
  let counter = await increment();
  if (!counter) {
    await tx.insertInto('invoice_counters').values({ series: series[kind], year, last_number: 0 }).onConflict((c) => c.columns(['series', 'year']).doNothing()).execute();
    counter = await increment();
  }
  return `${series[kind]}-${year}-${String(counter!.last_number).padStart(6, '0')}`;
}

/** The company as it stands now: what an invoice is addressed to (a snapshot, never read again from the account). */
async function addressee(tx: Tx, primaryApiKey: string) {
  return tx
    .selectFrom('accounts')
    .select(['company_name', 'address_line', 'address_city', 'address_postcode', 'address_country', 'vat_number'])
    .where('api_key', '=', primaryApiKey)
    .executeTakeFirstOrThrow();
}

/** The invoice's columns for a payment as the company and the VAT rules stand at `now`. */
async function invoiceColumns(tx: Tx, ctx: AppContext, payment: Payment, now: string) {
  const company = await addressee(tx, payment.primary_api_key);
  const vat = splitVat(payment.amount_micros, ctx.config.SELLER_COUNTRY, company);
  return {
    ...company,
    gross_micros: payment.amount_micros,
    net_micros: vat.netMicros,
    vat_micros: vat.vatMicros,
    vat_rate_bp: vat.rateBp,
    vat_treatment: vat.treatment,
    method_type: payment.method_type,
    method_label: payment.method_label,
    payment_reference: payment.reference,
    updated_at: now,
  } satisfies Partial<InvoicesTable>;
}

/**
 * The not-yet-final invoice of a payment just started: `pending` for a card or PayPal payment held
 * for review (expected when the review ends at the latest), `proforma` for a bank transfer awaited
 * (e-mailed at once). A repeat changes nothing.
 */
export async function openInvoice(tx: Tx, ctx: AppContext, payment: Payment, status: 'pending' | 'proforma'): Promise<void> {
  const now = ctx.clock.now();
  const id = newId();
  const inserted = await tx
    .insertInto('invoices')
    .values({
      id,
      primary_api_key: payment.primary_api_key,
      payment_id: payment.id,
      kind: 'invoice',
      status,
      number: null,
      credited_invoice_id: null,
      refund_sequence: 0,
      expected_at: status === 'pending' ? new Date(new Date(payment.created_at).getTime() + CARD_REVIEW_HOURS * HOUR).toISOString() : null,
      issued_at: null,
      created_at: now.toISOString(),
      ...(await invoiceColumns(tx, ctx, payment, now.toISOString())),
    })
    .onConflict((c) => c.columns(['payment_id', 'kind', 'refund_sequence']).doNothing())
    .executeTakeFirst();
  if (status === 'proforma' && Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    await queueInvoiceMail(tx, ctx, payment.primary_api_key, id, `Pro-forma invoice for your bank transfer ${payment.reference}`, [
      `Please transfer ${microsToEuros(payment.amount_micros).toFixed(2)} EUR quoting the reference ${payment.reference}.`,
      'The pro-forma invoice is attached; the final invoice follows when the transfer arrives.',
    ]);
  }
}

/**
 * Makes a settled payment's invoice final, in the settlement's own transaction: numbered, addressed
 * to the company as it stands now, and e-mailed. A pending or pro-forma invoice becomes the final one;
 * a payment that settled at once gets its final invoice directly. Final invoices never change.
 */
export async function finalizeInvoice(tx: Tx, ctx: AppContext, payment: Payment): Promise<Invoice> {
  const at = ctx.clock.now();
  const now = at.toISOString();
  const final = { status: 'final' as const, number: await nextNumber(tx, 'invoice', at), issued_at: now, expected_at: null, ...(await invoiceColumns(tx, ctx, payment, now)) };
  const updated = await tx
    .updateTable('invoices')
    .set(final)
    .where('payment_id', '=', payment.id)
    .where('kind', '=', 'invoice')
    .where('status', 'in', ['pending', 'proforma'])
    .returningAll()
    .executeTakeFirst();
  const invoice =
    updated ??
    (await tx
      .insertInto('invoices')
      .values({ id: newId(), primary_api_key: payment.primary_api_key, payment_id: payment.id, kind: 'invoice', credited_invoice_id: null, refund_sequence: 0, created_at: now, ...final })
      .returningAll()
      .executeTakeFirstOrThrow());
  await queueInvoiceMail(tx, ctx, payment.primary_api_key, invoice.id, `Invoice ${invoice.number}`, [
    `Thank you for your payment of ${microsToEuros(invoice.gross_micros).toFixed(2)} EUR (${invoice.method_label}).`,
    `Invoice ${invoice.number} is attached.`,
  ]);
  return invoice;
}

/** A payment that failed after its invoice was opened: the invoice is void (it never had a number). */
export async function voidInvoice(tx: Tx, clock: Clock, paymentId: string): Promise<void> {
  await tx
    .updateTable('invoices')
    .set({ status: 'void', expected_at: null, updated_at: clock.now().toISOString() })
    .where('payment_id', '=', paymentId)
    .where('kind', '=', 'invoice')
    .where('status', 'in', ['pending', 'proforma'])
    .execute();
}

/**
 * A refund the processor accepted: a credit note with a number of its own series (CN-), referencing
 * the invoice, addressed and taxed exactly as the invoice it corrects. One per refund (keyed by the
 * amount refunded before it), so a repeat changes nothing. Payments settled before invoices existed
 * have no invoice to credit.
 */
export async function issueCreditNote(ctx: AppContext, paymentId: string, amountMicros: number, refundedBeforeMicros: number): Promise<Invoice | null> {
  const issued = await inTransaction(ctx.database, async (tx) => {
    const invoice = await tx.selectFrom('invoices').selectAll().where('payment_id', '=', paymentId).where('kind', '=', 'invoice').where('status', '=', 'final').executeTakeFirst();
    if (!invoice) return null;
    const existing = await tx
      .selectFrom('invoices')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .where('kind', '=', 'credit_note')
      .where('refund_sequence', '=', refundedBeforeMicros)
      .executeTakeFirst();
    if (existing) return existing;
    const at = ctx.clock.now();
    const now = at.toISOString();
    const vat = vatContained(amountMicros, invoice.vat_rate_bp);
    const note = await tx
      .insertInto('invoices')
      .values({
        ...invoice,
        id: newId(),
        kind: 'credit_note',
        status: 'final',
        number: await nextNumber(tx, 'credit_note', at),
        credited_invoice_id: invoice.id,
        refund_sequence: refundedBeforeMicros,
        gross_micros: amountMicros,
        net_micros: amountMicros - vat,
        vat_micros: vat,
        expected_at: null,
        issued_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await queueInvoiceMail(tx, ctx, invoice.primary_api_key, note.id, `Credit note ${note.number}`, [
      `${microsToEuros(amountMicros).toFixed(2)} EUR of your payment was refunded.`,
      `Credit note ${note.number}, for invoice ${invoice.number}, is attached.`,
    ]);
    return note;
  });
  ctx.outbox.wake();
  return issued;
}

/** The family's finance e-mail (null while unset) and its owner's address. */
export async function invoiceAddresses(executor: Tx | AppContext['db'], primaryApiKey: string): Promise<{ finance_email: string | null; account_email: string }> {
  const row = await executor
    .selectFrom('accounts')
    .innerJoin('users', (join) => join.onRef('users.primary_api_key', '=', 'accounts.api_key').on('users.owner', '=', 1))
    .select(['accounts.finance_email', 'users.email'])
    .where('accounts.api_key', '=', primaryApiKey)
    .executeTakeFirstOrThrow();
  return { finance_email: row.finance_email, account_email: row.email };
}

/** Where a family's invoices go: its finance e-mail when set, else the owner's address. */
export async function invoiceRecipient(executor: Tx | AppContext['db'], primaryApiKey: string): Promise<string> {
  const addresses = await invoiceAddresses(executor, primaryApiKey);
  return addresses.finance_email ?? addresses.account_email;
}

/** Queues an invoice's e-mail in the caller's transaction; its PDF is rendered when the e-mail is sent. */
export async function queueInvoiceMail(tx: Tx, ctx: AppContext, primaryApiKey: string, invoiceId: string, subject: string, lines: string[], to?: string): Promise<string> {
  const recipient = to ?? (await invoiceRecipient(tx, primaryApiKey));
  await ctx.outbox.enqueueWithin(tx, { recipient, subject, body: [...lines, '', '— Switchboard'].join('\n'), attachment: `invoice:${invoiceId}` });
  return recipient;
}
