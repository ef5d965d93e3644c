import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorAuthor } from '../../platform/activity/author.js';
import { HOUR } from '../../platform/clock.js';
import { hashSecret } from '../../platform/passwords.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { addedCardId, approvePayPal, testCards, topUp } from '../billing/billing-test-helpers.js';
import { refundPayment, requestBankTransfer, settleBankTransfer } from '../billing/payments.js';
import { registerCompany } from '../identity/register-company.js';

describe('invoices: one per payment, final when the payment settles, numbered without gaps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const invoiceOf = (paymentId: string) =>
    t.ctx.db.selectFrom('invoices').selectAll().where('payment_id', '=', paymentId).where('kind', '=', 'invoice').executeTakeFirst();
  const mailFor = (invoiceId: string) => t.ctx.db.selectFrom('outbox').selectAll().where('attachment', '=', `invoice:${invoiceId}`).execute();
  const numberOf = (text: string | null) => Number(text?.split('-')[2]);

  it('a card payment that settles at once has its final invoice at once, numbered and e-mailed with its PDF', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const card = await addedCardId(owner.browser, testCards.visa);
    const paid = await topUp(owner.browser, card, 50, 'card-now');
    expect(paid.statusCode).toBe(200);
    const invoice = await invoiceOf(paid.json().payment.id);
    expect(invoice).toMatchObject({ status: 'final', company_name: 'Acme Telecom Ltd', gross_micros: 50_000_000, method_type: 'card', method_label: 'Visa •••• 4242' });
    expect(invoice?.number).toMatch(/^INV-2026-\d{6}$/);
    expect(invoice?.issued_at).toBe(t.clock.now().toISOString());
    const [mail] = await mailFor(invoice!.id);
    expect(mail).toMatchObject({ recipient: owner.input.email, subject: `Invoice ${invoice!.number}`, status: 'pending' });
  });

  it('a card payment held for review: the invoice is pending (expected within 72 h, no number), final when the processor settles it', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const card = await addedCardId(owner.browser, testCards.reviewSettles);
    const held = await topUp(owner.browser, card, 30, 'card-review');
    expect(held.statusCode).toBe(202);
    const payment = held.json().payment;
    const pending = await invoiceOf(payment.id);
    expect(pending).toMatchObject({ status: 'pending', number: null, issued_at: null, expected_at: new Date(new Date(payment.created_at).getTime() + 72 * HOUR).toISOString() });
    expect(await mailFor(pending!.id)).toEqual([]);

    t.clock.advance(72 * HOUR);
    await t.jobs.runDue();
    const final = await invoiceOf(payment.id);
    expect(final).toMatchObject({ id: pending!.id, status: 'final', expected_at: null, issued_at: t.clock.now().toISOString() });
    expect(final?.number).toMatch(/^INV-2026-\d{6}$/);
    expect(await t.ctx.db.selectFrom('payments').select('status').where('id', '=', payment.id).executeTakeFirstOrThrow()).toEqual({ status: 'settled' });
    expect((await mailFor(final!.id)).map((mail) => mail.subject)).toEqual([`Invoice ${final!.number}`]);
  });

  it('a card payment declined after review leaves a void invoice that never had a number', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const card = await addedCardId(owner.browser, testCards.reviewDeclines);
    const payment = (await topUp(owner.browser, card, 30, 'card-review-declined')).json().payment;
    t.clock.advance(72 * HOUR);
    await t.jobs.runDue();
    expect(await invoiceOf(payment.id)).toMatchObject({ status: 'void', number: null });
  });

  it('a declined payment has no invoice at all', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const card = await addedCardId(owner.browser, testCards.doNotHonour);
    const declined = await topUp(owner.browser, card, 30, 'declined');
    expect(declined.statusCode).toBe(402);
    expect(await invoiceOf(declined.json().payment.id)).toBeUndefined();
  });

  it('PayPal: the final invoice at once', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const session = await approvePayPal(owner.browser, 'payer@example.com');
    const method = await owner.browser.post('/api/billing/payment-methods/paypal/complete', {
      paypal_session: session,
      billing_name: 'Ada',
      billing_line1: '1 Main St',
      billing_city: 'Dublin',
      billing_postcode: 'D01',
      billing_country: 'IE',
    });
    expect(method.statusCode, method.body).toBe(201);
    const paid = await topUp(owner.browser, method.json().id, 20, 'paypal');
    expect(paid.statusCode).toBe(200);
    expect(await invoiceOf(paid.json().payment.id)).toMatchObject({ status: 'final', method_type: 'paypal', gross_micros: 20_000_000 });
  });

  it('a bank transfer: a pro-forma e-mailed at once, the final invoice (same row, now numbered) on receipt', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const requested = await owner.browser.request({ method: 'POST', url: '/api/billing/bank-transfers', payload: { amount: 120 }, headers: { 'idempotency-key': 'bank' } });
    expect(requested.statusCode).toBe(201);
    const payment = requested.json();
    const proforma = await invoiceOf(payment.id);
    expect(proforma).toMatchObject({ status: 'proforma', number: null, payment_reference: payment.reference, method_type: 'bank_transfer' });
    expect((await mailFor(proforma!.id)).map((mail) => mail.subject)).toEqual([`Pro-forma invoice for your bank transfer ${payment.reference}`]);

    t.clock.advance(48 * HOUR);
    expect((await settleBankTransfer(t.ctx, payment.reference, 120_000_000, operatorAuthor)).applied).toBe(true);
    const final = await invoiceOf(payment.id);
    expect(final).toMatchObject({ id: proforma!.id, status: 'final', issued_at: t.clock.now().toISOString() });
    expect(final?.number).toMatch(/^INV-2026-\d{6}$/);
    expect((await mailFor(final!.id)).map((mail) => mail.subject)).toContain(`Invoice ${final!.number}`);
  });

  it('a refund produces a credit note of its own series that references the invoice; the invoice stays as it was', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const card = await addedCardId(owner.browser, testCards.mastercard);
    const payment = (await topUp(owner.browser, card, 40, 'to-refund')).json().payment;
    const invoice = await invoiceOf(payment.id);

    await refundPayment(t.ctx, payment.id, 15_000_000, false, operatorAuthor);
    await refundPayment(t.ctx, payment.id, null, false, operatorAuthor);
    const notes = await t.ctx.db.selectFrom('invoices').selectAll().where('payment_id', '=', payment.id).where('kind', '=', 'credit_note').orderBy('refund_sequence').execute();
    expect(notes.map((note) => [note.gross_micros, note.credited_invoice_id, note.status])).toEqual([
      [15_000_000, invoice!.id, 'final'],
      [25_000_000, invoice!.id, 'final'],
    ]);
    expect(notes[0].number).toMatch(/^CN-2026-\d{6}$/);
    expect(numberOf(notes[1].number)).toBe(numberOf(notes[0].number) + 1);
    expect(await invoiceOf(payment.id)).toEqual(invoice);
    expect((await mailFor(notes[0].id)).map((mail) => mail.subject)).toEqual([`Credit note ${notes[0].number}`]);
  });

  it('numbers are sequential per calendar year without gaps or duplicates under 50 concurrent settlements', async () => {
    t.clock.set('2027-03-01T10:00:00.000Z');
    const passwordHash = await hashSecret('correct horse 42');
    const families = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        registerCompany(t.ctx, { companyName: `Concurrent ${index}`, name: 'Finance', email: `concurrent.${index}.${Date.now()}@example.com`, passwordHash, phone: `+4474009${String(index).padStart(5, '0')}` }, undefined, operatorAuthor),
      ),
    );
    // Two transfers per family: settlements of one family also race each other for its row locks.
    const transfers = [];
    for (const [index, family] of [...families, ...families].entries()) {
      transfers.push(
        await requestBankTransfer(t.ctx, { primaryApiKey: family.apiKey, amountMicros: 10_000_000 + index, idempotency: { owner: family.apiKey, key: `concurrent-${index}` }, initiatedBy: 'operator', author: operatorAuthor }),
      );
    }
    const results = await Promise.all(transfers.map((payment) => settleBankTransfer(t.ctx, payment.reference!, payment.amount_micros, operatorAuthor)));
    expect(results.every((result) => result.applied)).toBe(true);

    const numbers = (await t.ctx.db.selectFrom('invoices').select('number').where('number', 'like', 'INV-2027-%').execute()).map((row) => numberOf(row.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(await t.ctx.db.selectFrom('invoice_counters').selectAll().where('year', '=', 2027).execute()).toEqual([{ series: 'INV', year: 2027, last_number: 50 }]);
  });
});
