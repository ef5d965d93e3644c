import { unzipSync } from 'fflate';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorAuthor } from '../../platform/activity/author.js';
import type { Email } from '../../platform/delivery/mailer.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.js';
import { addedCardId, testCards, topUp } from '../billing/billing-test-helpers.js';
import { refundPayment } from '../billing/payments.js';

/** The PDF's text with its line breaks as spaces (a long line wraps). */
const pdfText = async (data: Buffer | Uint8Array) => (await new PDFParse({ data: new Uint8Array(data) }).getText()).text.replace(/\s+/g, ' ');

describe('invoices: PDFs, e-mail, the console API and who may use it', () => {
  let t: TestApp;
  const sent: Email[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      config: { SELLER_NAME: 'Switchboard Test Seller Ltd', SELLER_COUNTRY: 'IE', SELLER_VAT_NUMBER: 'IE6388047V' },
      mailTransport: { kind: 'outbox', deliver: async (email) => void sent.push(email) },
    });
  });
  afterAll(() => t.close());

  const company = {
    company_name: 'Grünwald Kommunikation GmbH',
    address_line: 'Leopoldstraße 12',
    city: 'München',
    postcode: '80802',
    country: 'DE',
    vat_number: 'DE136695976',
  };
  const setCompany = (browser: Browser, changes: Partial<typeof company>) => browser.request({ method: 'PUT', url: '/api/company', payload: { ...company, ...changes } });
  const invoices = async (browser: Browser, query = '') => (await browser.get(`/api/invoices${query}`)).json().invoices;
  const pdf = async (browser: Browser, id: string) => {
    const response = await browser.get(`/api/invoices/${id}/pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return response.rawPayload;
  };
  /** A family with a company and a card top-up of `amount` settled: the owner, the payment and its invoice. */
  async function paidFamily(card: string, amount: number, changes: Partial<typeof company> = {}) {
    const owner = await signUpVerified(t.app, t.ctx);
    expect((await setCompany(owner.browser, changes)).statusCode).toBe(200);
    const payment = (await topUp(owner.browser, await addedCardId(owner.browser, card), amount, `pay-${amount}`)).json().payment;
    const [invoice] = await invoices(owner.browser);
    return { owner, payment, invoice };
  }

  it('an EU business in another member state: reverse charge with the legal mention, addressed to the company as it stood when final', async () => {
    const { owner, invoice } = await paidFamily(testCards.visa, 100);
    expect(invoice).toMatchObject({ kind: 'invoice', status: 'final', amount: 100, net: 100, vat: 0, vat_treatment: 'reverse_charge', downloadable: true });
    expect((await setCompany(owner.browser, { company_name: 'Renamed Later AG', vat_number: 'FR40303265045', country: 'FR' })).statusCode).toBe(200);

    const text = await pdfText(await pdf(owner.browser, invoice.id));
    expect(text).toContain('Grünwald Kommunikation GmbH');
    expect(text).toContain('Leopoldstraße 12');
    expect(text).toContain('80802 München');
    expect(text).toContain('VAT number: DE136695976');
    expect(text).not.toContain('Renamed Later');
    expect(text).toContain('Reverse charge – VAT to be accounted for by the recipient, Article 196 Council Directive 2006/112/EC');
    expect(text).toContain(invoice.number);
    expect(text).toMatch(/Net\s+€100\.00/);
    expect(text).toMatch(/VAT \(reverse charge\)\s+€0\.00/);
    expect(text).toMatch(/Total \(gross\)\s+€100\.00/);
    expect(text).toContain('Visa •••• 4242');
    expect(text).toContain('Switchboard Test Seller Ltd');
    expect(text).toContain('VAT number: IE6388047V');
  });

  it("a business in the seller's own country pays the seller country's rate: the gross amount paid is split into net and VAT", async () => {
    const { owner, invoice } = await paidFamily(testCards.mastercard, 50, { country: 'IE', vat_number: 'IE1234567T', company_name: 'Dublin Calls Ltd', city: 'Dublin', postcode: 'D02' });
    expect(invoice).toMatchObject({ amount: 50, net: 40.65, vat: 9.35, vat_treatment: 'standard' });
    const text = await pdfText(await pdf(owner.browser, invoice.id));
    expect(text).toContain('Dublin Calls Ltd');
    expect(text).toContain('VAT number: IE1234567T');
    expect(text).toMatch(/Net\s+€40\.65/);
    expect(text).toMatch(/VAT 23 %\s+€9\.35/);
    expect(text).toMatch(/Total \(gross\)\s+€50\.00/);
    expect(text).not.toContain('Reverse charge');
  });

  it('a credit note says what it credits; the PDFs are e-mailed to the finance e-mail once set', async () => {
    const { owner, payment, invoice } = await paidFamily('4111111111111111', 60);
    expect((await owner.browser.request({ method: 'PUT', url: '/api/invoices/settings', payload: { finance_email: 'Finance@Example.com' } })).json()).toEqual({
      finance_email: 'finance@example.com',
      account_email: owner.input.email,
    });
    t.clock.advance(60_000);
    await refundPayment(t.ctx, payment.id, 10_000_000, false, operatorAuthor);
    const [note] = await invoices(owner.browser, '?payment_id=' + payment.id);
    expect(note).toMatchObject({ kind: 'credit_note', status: 'final', amount: 10, credited_number: invoice.number, payment_id: payment.id });
    const text = await pdfText(await pdf(owner.browser, note.id));
    expect(text).toContain('Credit note');
    expect(text).toContain(`Credits invoice: ${invoice.number}`);
    expect(text).toMatch(/Total credited\s+€10\.00/);

    sent.length = 0;
    await t.jobs.runDue();
    const noteMail = sent.find((email) => email.subject === `Credit note ${note.number}`);
    expect(noteMail?.to).toBe('finance@example.com');
    expect(noteMail?.attachments?.[0]).toMatchObject({ filename: `${note.number}.pdf`, contentType: 'application/pdf' });
    expect(await pdfText(noteMail!.attachments![0].content)).toContain(note.number);
    const invoiceMail = sent.find((email) => email.subject === `Invoice ${invoice.number}`);
    expect(invoiceMail?.to).toBe(owner.input.email);
    expect(invoiceMail?.attachments?.[0].content.subarray(0, 5).toString()).toBe('%PDF-');

    const resent = await owner.browser.post(`/api/invoices/${invoice.id}/send`);
    expect(resent.json()).toEqual({ sent_to: 'finance@example.com' });
    sent.length = 0;
    await t.jobs.runDue();
    expect(sent.map((email) => [email.to, email.subject, email.attachments?.[0].filename])).toEqual([['finance@example.com', `Invoice ${invoice.number}`, `${invoice.number}.pdf`]]);
  });

  it('lists newest first, paged, filtered by status and date; a pending invoice says when it is expected and cannot be downloaded', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const card = await addedCardId(owner.browser, '4012888888881881');
    // 11 hours apart: the session (12 hours, sliding) stays open.
    for (const amount of [10, 20, 30]) {
      await topUp(owner.browser, card, amount, `list-${amount}`);
      t.clock.advance(11 * 3600_000);
    }
    const review = await addedCardId(owner.browser, testCards.reviewSettles);
    const held = (await topUp(owner.browser, review, 40, 'list-review')).json().payment;

    const all = (await owner.browser.get('/api/invoices?page_size=2')).json();
    expect(all).toMatchObject({ total: 4, page: 1, page_size: 2 });
    expect(all.invoices.map((invoice: { amount: number }) => invoice.amount)).toEqual([40, 30]);
    expect(all.invoices[0]).toMatchObject({ status: 'pending', number: null, downloadable: false, expected_at: new Date(new Date(held.created_at).getTime() + 72 * 3600_000).toISOString() });
    expect((await owner.browser.get('/api/invoices?page_size=2&page=2')).json().invoices.map((invoice: { amount: number }) => invoice.amount)).toEqual([20, 10]);
    expect((await invoices(owner.browser, '?status=pending')).map((invoice: { amount: number }) => invoice.amount)).toEqual([40]);
    const listed: { amount: number; date: string }[] = await invoices(owner.browser);
    const day = listed[2].date.slice(0, 10);
    const thatDay = listed.filter((invoice) => invoice.date.startsWith(day)).map((invoice) => invoice.amount);
    expect(thatDay.length).toBeLessThan(4);
    expect((await invoices(owner.browser, `?from=${day}&to=${day}`)).map((invoice: { amount: number }) => invoice.amount)).toEqual(thatDay);
    expect((await invoices(owner.browser, `?from=${day}`)).map((invoice: { amount: number }) => invoice.amount)).toEqual(listed.filter((invoice) => invoice.date >= day).map((invoice) => invoice.amount));
    expect((await owner.browser.get('/api/invoices?from=yesterday')).statusCode).toBe(422);

    const refused = await owner.browser.get(`/api/invoices/${all.invoices[0].id}/pdf`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/still being reviewed/);

    const ids = (await invoices(owner.browser)).map((invoice: { id: string }) => invoice.id);
    const zip = await owner.browser.get(`/api/invoices/archive.zip?ids=${ids.join(',')}`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toHaveLength(3);
    for (const content of Object.values(files)) expect(Buffer.from(content.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('a Finance member can do everything on the page; without invoices:read it is a 403; another family is a 404', async () => {
    const { owner, invoice } = await paidFamily('378282246310005', 25);
    const finance = await addMember(t, owner.apiKey, { roleId: 'finance' });
    expect((await finance.browser.get('/api/invoices')).json().invoices.map((row: { id: string }) => row.id)).toEqual([invoice.id]);
    expect((await finance.browser.get(`/api/invoices/${invoice.id}/pdf`)).statusCode).toBe(200);
    expect((await finance.browser.get(`/api/invoices/archive.zip?ids=${invoice.id}`)).statusCode).toBe(200);
    expect((await finance.browser.post(`/api/invoices/${invoice.id}/send`)).statusCode).toBe(200);
    expect((await finance.browser.get('/api/invoices/settings')).statusCode).toBe(200);

    const invoicesOnly = await addMember(t, owner.apiKey, { permissions: ['invoices:read'] });
    expect((await invoicesOnly.browser.get(`/api/invoices/${invoice.id}/pdf`)).statusCode).toBe(200);
    const settings = await invoicesOnly.browser.request({ method: 'PUT', url: '/api/invoices/settings', payload: { finance_email: 'x@example.com' } });
    expect(settings.statusCode).toBe(403);
    expect(settings.json().permission).toBe('billing:write');

    const developer = await addMember(t, owner.apiKey, { roleId: 'developer' });
    for (const url of ['/api/invoices', `/api/invoices/${invoice.id}/pdf`, `/api/invoices/archive.zip?ids=${invoice.id}`, '/api/invoices/settings']) {
      const answer = await developer.browser.get(url);
      expect(answer.statusCode, url).toBe(403);
      expect(answer.json().permission).toBe('invoices:read');
    }
    expect((await developer.browser.post(`/api/invoices/${invoice.id}/send`)).statusCode).toBe(403);

    const stranger = await signUpVerified(t.app, t.ctx);
    expect((await stranger.browser.get(`/api/invoices/${invoice.id}/pdf`)).statusCode).toBe(404);
    expect((await stranger.browser.get(`/api/invoices/archive.zip?ids=${invoice.id}`)).statusCode).toBe(404);
    expect((await stranger.browser.post(`/api/invoices/${invoice.id}/send`)).statusCode).toBe(404);
  });
});
