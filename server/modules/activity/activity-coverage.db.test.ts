import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityKinds } from '../../../contract/activity.js';
import type { TwoFactorEnrolment } from '../../../contract/profile.js';
import { basic } from '../../testing/basic-auth.js';
import { latestPin, signUpVerified } from '../../testing/identity-fixtures.js';
import { invitationPassword } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { operatorAuthor } from '../../platform/activity/author.js';
import { DAY } from '../../platform/clock.js';
import { setCreditLimit, topUpByOperator } from '../account/operator.js';
import { address, addCard, approvePayPal, testCards, topUp } from '../billing/billing-test-helpers.js';
import { refundPayment } from '../billing/payments.js';
import { runNumberRenewals } from '../numbers/renew.js';
import { ukMobile } from '../sms/sms-test-helpers.js';
import { setMaxSubaccounts } from '../subaccounts/subaccounts.js';

/**
 * Mutating routes that change nothing of an account, each with the reason. Every other POST, PUT,
 * PATCH and DELETE must write an activity entry; the walk below proves it for each one.
 */
const notChanges: Record<string, string> = {
  'POST /api/signups': 'starts a sign-up: no account exists yet; the PIN is checked by …/verify, which creates it (account.created)',
  'POST /api/signups/:signupId/resend': 'sends another sign-up PIN: still no account',
  'POST /api/password-resets': 'e-mails a reset link (or nothing): the password changes at …/confirm (user.password_reset)',
  'DELETE /api/sessions/current': 'signing out ends the caller\'s own session; nothing of the account changes',
  'POST /api/profile/two-factor/enrolment': 'keeps a pending secret that counts only once confirmed (user.two_factor_enabled)',
  'POST /api/test-numbers/:id/resend': 'sends the same test number a new PIN; adding and verifying it are recorded',
  'POST /sms/json': 'an API request that is usage: messages and their charges belong to the usage pages, not the activity log',
  'POST /api/sms/test': 'a message sent from the console is usage, like POST /sms/json',
  'POST /dev/clock': 'development tool (never served in production)',
  'DELETE /dev/clock': 'development tool (never served in production)',
  'POST /dev/inbound-sms': 'development tool (never served in production): simulates a handset, changes no account setting',
  'POST /sandbox-processor/v1/tokens': 'the sandbox payment processor\'s own hosted field (a third party\'s page): tokenising a card stores nothing of ours',
  'POST /sandbox-processor/paypal/approve': 'the sandbox processor\'s PayPal page (a third party\'s): the account is stored by …/paypal/complete',
  'POST /api/billing/payment-methods/paypal': 'starts a PayPal approval at the processor; the account is stored by …/paypal/complete (payment_method.added)',
};

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('every mutating route writes an activity entry; no entry holds a secret', () => {
  let t: TestApp;
  let origin: string;
  /** Every password, API secret, PIN, TOTP secret, code and token the walk used. */
  const secrets = new Set<string>();
  const covered = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
  });
  afterAll(() => t.close());

  const entryCount = async () => Number((await t.ctx.db.selectFrom('activity_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

  /** Calls the route under test and checks it succeeded and wrote at least one entry. */
  async function measure(route: string, call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
    const before = await entryCount();
    const response = await call();
    expect(response.statusCode, `${route}: ${response.body}`).toBeLessThan(300);
    expect(await entryCount(), `${route} wrote no activity entry`).toBeGreaterThan(before);
    covered.add(route);
    return response;
  }

  async function owner() {
    const family = await signUpVerified(t.app, t.ctx);
    [family.input.password, family.apiSecret].forEach((value) => secrets.add(value));
    return { ...family, auth: { authorization: basic(family.apiKey, family.apiSecret) } };
  }

  async function enrol(browser: Browser): Promise<{ secret: string; codes: string[] }> {
    const { secret } = (await browser.post('/api/profile/two-factor/enrolment')).json() as TwoFactorEnrolment;
    const code = await codeAt(secret);
    const confirmed = await measure('POST /api/profile/two-factor/enrolment/confirm', () => browser.post('/api/profile/two-factor/enrolment/confirm', { code }));
    const codes = confirmed.json().recovery_codes as string[];
    [secret, code, ...codes].forEach((value) => secrets.add(value));
    return { secret, codes };
  }

  async function resetToken(email: string): Promise<string> {
    await t.jobs.runDue();
    const [mail] = await t.ctx.outbox.list({ recipient: email, limit: 1 });
    return mail.body.match(/token=([\w-]+)/)![1];
  }

  it('walks every declared mutating route', async () => {
    const routes = t.app.declaredRoutes.filter((route) => mutating.has(route.method)).map((route) => `${route.method} ${route.url}`);
    for (const listed of Object.keys(notChanges)) expect(routes, `allow-listed route ${listed} no longer exists`).toContain(listed);

    // Sign-up and sign-in.
    const browser = new Browser(t.app);
    await measure('POST /api/signups/:signupId/verify', async () => {
      const family = await signUpVerified(t.app, t.ctx);
      secrets.add(family.input.password).add(family.apiSecret);
      return family.browser.get('/api/session');
    });
    const a = await owner();
    await measure('POST /api/sessions', () => browser.post('/api/sessions', { email: a.input.email, password: a.input.password }));

    // Password: change, reset.
    await measure('POST /api/session/password', () => a.browser.post('/api/session/password', { current_password: a.input.password, new_password: 'second password 22' }));
    secrets.add('second password 22');
    await a.browser.post('/api/password-resets', { email: a.input.email });
    const token = await resetToken(a.input.email);
    secrets.add(token);
    await measure('POST /api/password-resets/confirm', () => new Browser(t.app).post('/api/password-resets/confirm', { token, password: 'third password 33' }));
    secrets.add('third password 33');

    // Profile.
    const b = await owner();
    await measure('PATCH /api/profile', () => b.browser.request({ method: 'PATCH', url: '/api/profile', payload: { name: 'Grace Hopper', skype: 'grace' } }));
    const newEmail = `new.${b.input.email}`;
    await measure('POST /api/profile/email', () => b.browser.post('/api/profile/email', { email: newEmail, password: b.input.password }));
    const emailToken = await resetToken(newEmail);
    secrets.add(emailToken);
    await measure('POST /api/profile/email/confirm', () => new Browser(t.app).post('/api/profile/email/confirm', { token: emailToken }));
    await measure('POST /api/profile/phone', () => b.browser.post('/api/profile/phone', { phone: '07400 955001', country: 'GB' }));
    const phonePin = await latestPin(t.ctx, '+447400955001');
    secrets.add(phonePin);
    await measure('POST /api/profile/phone/verify', () => b.browser.post('/api/profile/phone/verify', { pin: phonePin }));
    await measure('PUT /api/company', () => b.browser.request({ method: 'PUT', url: '/api/company', payload: { company_name: 'Hopper Ltd', address_line: '1 Main St', city: 'Dublin', postcode: 'D01', country: 'IE', vat_number: 'IE6388047V' } }));

    // Sessions and two-factor sign-in.
    await new Browser(t.app).post('/api/sessions', { email: newEmail, password: b.input.password });
    await measure('DELETE /api/profile/sessions/others', () => b.browser.delete('/api/profile/sessions/others'));
    const { secret } = await enrol(b.browser);
    await measure('PUT /api/security/two-factor-requirement', () => b.browser.request({ method: 'PUT', url: '/api/security/two-factor-requirement', payload: { require_two_factor: true } }));
    t.clock.advance(30_000);
    const code = await codeAt(secret);
    secrets.add(code);
    await measure('POST /api/profile/two-factor/disable', () => b.browser.post('/api/profile/two-factor/disable', { password: b.input.password, code }));

    // API settings and secrets.
    const c = await owner();
    await measure('POST /account/settings', () => t.app.inject({ method: 'POST', url: '/account/settings', headers: c.auth, payload: { moCallBackUrl: `${origin}/healthz` } }));
    await measure('PUT /api/messages/settings', () => c.browser.request({ method: 'PUT', url: '/api/messages/settings', payload: { store_message_text: false } }));
    const chosen = 'Chosen5ecretValue';
    secrets.add(chosen);
    const created = await measure('POST /accounts/:api_key/secrets', () => t.app.inject({ method: 'POST', url: `/accounts/${c.apiKey}/secrets`, headers: c.auth, payload: { secret: chosen } }));
    await measure('DELETE /accounts/:api_key/secrets/:secret_id', () => t.app.inject({ method: 'DELETE', url: `/accounts/${c.apiKey}/secrets/${created.json().id}`, headers: c.auth }));
    const generated = await measure('POST /api/accounts/:api_key/secrets/generate', () => c.browser.post(`/api/accounts/${c.apiKey}/secrets/generate`));
    secrets.add(generated.json().secret);

    // Subaccounts and transfers.
    const sub = await measure('POST /accounts/:api_key/subaccounts', () => t.app.inject({ method: 'POST', url: `/accounts/${c.apiKey}/subaccounts`, headers: c.auth, payload: { name: 'Team A', use_primary_account_balance: false } }));
    secrets.add(sub.json().secret);
    const subKey = sub.json().api_key as string;
    await measure('PATCH /accounts/:api_key/subaccounts/:subaccount_key', () => t.app.inject({ method: 'PATCH', url: `/accounts/${c.apiKey}/subaccounts/${subKey}`, headers: c.auth, payload: { name: 'Team B' } }));
    await measure('POST /accounts/:api_key/balance-transfers', () => t.app.inject({ method: 'POST', url: `/accounts/${c.apiKey}/balance-transfers`, headers: c.auth, payload: { from: c.apiKey, to: subKey, amount: 0.5 } }));
    await setCreditLimit(t.ctx, c.apiKey, -100_000_000);
    await measure('POST /accounts/:api_key/credit-transfers', () => t.app.inject({ method: 'POST', url: `/accounts/${c.apiKey}/credit-transfers`, headers: c.auth, payload: { from: c.apiKey, to: subKey, amount: 5 } }));
    await topUpByOperator(t.ctx, c.apiKey, 10_000_000, 'bank-1');
    await setMaxSubaccounts(t.ctx, c.apiKey, 50);

    // Test numbers.
    const msisdn = ukMobile();
    const added = await measure('POST /api/test-numbers', () => c.browser.post('/api/test-numbers', { number: `+${msisdn}`, country: 'GB' }));
    const testPin = await latestPin(t.ctx, `+${msisdn}`);
    secrets.add(testPin);
    await measure('POST /api/test-numbers/:id/verify', () => c.browser.post(`/api/test-numbers/${added.json().id}/verify`, { pin: testPin }));
    await measure('DELETE /api/test-numbers/:id', () => c.browser.delete(`/api/test-numbers/${added.json().id}`));

    // Virtual numbers.
    const form = { ...c.auth, 'content-type': 'application/x-www-form-urlencoded' };
    const [rentable] = (await t.app.inject({ url: '/number/search?country=GB&type=mobile-lvn&size=1', headers: c.auth })).json().numbers;
    const numberForm = `country=GB&msisdn=${rentable.msisdn}`;
    await measure('POST /number/buy', () => t.app.inject({ method: 'POST', url: '/number/buy', headers: form, payload: numberForm }));
    await measure('POST /number/update', () => t.app.inject({ method: 'POST', url: '/number/update', headers: form, payload: `${numberForm}&app_id=aaaaaaaa-bbbb-cccc-dddd-0123456789ab` }));
    await measure('POST /accounts/:api_key/transfer-number', () =>
      t.app.inject({ method: 'POST', url: `/accounts/${c.apiKey}/transfer-number`, headers: c.auth, payload: { from: c.apiKey, to: subKey, number: rentable.msisdn, country: 'GB' } }),
    );
    await measure('POST /number/cancel', () => t.app.inject({ method: 'POST', url: '/number/cancel', headers: form, payload: `${numberForm}&target_api_key=${subKey}` }));
    // The console's numbers routes.
    const [consoleRentable] = (await c.browser.get('/api/numbers/available?country=GB&type=landline&size=1')).json().items;
    const consoleNumber = `/api/accounts/${subKey}/numbers/${consoleRentable.msisdn}`;
    await measure('POST /api/accounts/:api_key/numbers', () => c.browser.post(`/api/accounts/${subKey}/numbers`, { country: 'GB', msisdn: consoleRentable.msisdn }));
    await measure('PUT /api/accounts/:api_key/numbers/:msisdn', () =>
      c.browser.request({ method: 'PUT', url: consoleNumber, payload: { description: 'Front desk', app_id: '', mo_http_url: '', voice_callback_type: 'tel', voice_callback_value: '447700900001', voice_status_callback: '' } }),
    );
    await measure('POST /api/accounts/:api_key/numbers/:msisdn/transfer', () => c.browser.post(`${consoleNumber}/transfer`, { country: 'GB', to: c.apiKey }));
    const primaryNumber = `/api/accounts/${c.apiKey}/numbers/${consoleRentable.msisdn}`;
    await measure('POST /api/accounts/:api_key/numbers/:msisdn/cancel', () => c.browser.post(`${primaryNumber}/cancel`));
    await measure('POST /api/accounts/:api_key/numbers/:msisdn/undo-cancel', () => c.browser.post(`${primaryNumber}/undo-cancel`));

    // Shared short codes: added, configured, moved to the subaccount (transfer-number), released.
    await measure('POST /api/short-codes', () => c.browser.post('/api/short-codes', { api_key: c.apiKey, code: '98975' }));
    await measure('PUT /api/accounts/:api_key/short-codes/:code', () =>
      c.browser.request({
        method: 'PUT',
        url: `/api/accounts/${c.apiKey}/short-codes/98975`,
        payload: { purpose: 'two_factor', template: 'Your code is {pin}', messages_per_day: 3, terms_url: 'https://example.com/terms', privacy_url: 'https://example.com/privacy' },
      }),
    );
    const movedCode = await t.app.inject({ method: 'POST', url: `/accounts/${c.apiKey}/transfer-number`, headers: c.auth, payload: { from: c.apiKey, to: subKey, number: '98975', country: 'US' } });
    expect(movedCode.statusCode, movedCode.body).toBe(200);
    await measure('DELETE /api/accounts/:api_key/short-codes/:code', () => c.browser.delete(`/api/accounts/${subKey}/short-codes/98975`));

    // Balance alert and display currency.
    await measure('PUT /api/balance-alerts/:api_key', () =>
      c.browser.request({ method: 'PUT', url: `/api/balance-alerts/${c.apiKey}`, payload: { enabled: true, threshold: 5, recipients: ['finance@example.com'] } }),
    );
    await measure('PUT /api/display-currency', () => c.browser.request({ method: 'PUT', url: '/api/display-currency', payload: { currency: 'USD' } }));

    // Team: roles, members, ownership.
    const role = await measure('POST /api/team/roles', () => c.browser.post('/api/team/roles', { name: 'Auditors', permissions: ['activity:read'] }));
    const roleId = role.json().id as string;
    await measure('PUT /api/team/roles/:role_id', () => c.browser.request({ method: 'PUT', url: `/api/team/roles/${roleId}`, payload: { name: 'Auditors', permissions: ['activity:read', 'account:read'] } }));
    const invite = (email: string, role_id: string) => c.browser.post('/api/team/members', { name: 'Ann Member', email, role_id, scope: 'family', subaccounts: [] });
    const member = await measure('POST /api/team/members', () => invite(`ann.${c.apiKey}@example.com`, 'administrator'));
    const memberId = member.json().id as string;
    await measure('PUT /api/team/members/:member_id/access', () =>
      c.browser.request({ method: 'PUT', url: `/api/team/members/${memberId}/access`, payload: { role_id: roleId, scope: 'subaccounts', subaccounts: [subKey] } }),
    );
    await measure('POST /api/team/members/:member_id/invitation', () => c.browser.post(`/api/team/members/${memberId}/invitation`));
    await measure('POST /api/team/members/:member_id/disable', () => c.browser.post(`/api/team/members/${memberId}/disable`));
    await measure('POST /api/team/members/:member_id/enable', () => c.browser.post(`/api/team/members/${memberId}/enable`));
    await measure('DELETE /api/team/members/:member_id', () => c.browser.delete(`/api/team/members/${memberId}`));
    await measure('DELETE /api/team/roles/:role_id', () => c.browser.delete(`/api/team/roles/${roleId}`));
    const heir = (await invite(`heir.${c.apiKey}@example.com`, 'administrator')).json().id as string;
    const temporary = await invitationPassword(t, `heir.${c.apiKey}@example.com`);
    secrets.add(temporary);
    const heirBrowser = new Browser(t.app);
    await heirBrowser.post('/api/sessions', { email: `heir.${c.apiKey}@example.com`, password: temporary });
    await heirBrowser.post('/api/session/password', { current_password: temporary, new_password: 'heir password 55' });
    secrets.add('heir password 55');
    await measure('POST /api/team/ownership', () => c.browser.post('/api/team/ownership', { member_id: heir, password: c.input.password }));

    // Billing: payment methods, top-ups, bank transfers; an operator refund.
    secrets.add(testCards.visa);
    const card = await measure('POST /api/billing/payment-methods/cards', () => addCard(c.browser, testCards.visa));
    const second = await measure('POST /api/billing/payment-methods/paypal/complete', async () =>
      c.browser.post('/api/billing/payment-methods/paypal/complete', { paypal_session: await approvePayPal(c.browser, `payer.${c.apiKey}@example.com`), ...address }),
    );
    await measure('POST /api/billing/payment-methods/:method_id/default', () => c.browser.post(`/api/billing/payment-methods/${second.json().id}/default`));
    const paid = await measure('POST /api/billing/top-ups', () => topUp(c.browser, card.json().id, 20, `top-up-${c.apiKey}`));
    await measure('POST /api/billing/bank-transfers', () => c.browser.request({ method: 'POST', url: '/api/billing/bank-transfers', payload: { amount: 100 }, headers: { 'idempotency-key': `bank-${c.apiKey}` } }));
    // Invoices: e-mail one again, and the finance e-mail they go to.
    const [invoice] = (await c.browser.get('/api/invoices')).json().invoices;
    await measure('POST /api/invoices/:invoice_id/send', () => c.browser.post(`/api/invoices/${invoice.id}/send`));
    await measure('PUT /api/invoices/settings', () => c.browser.request({ method: 'PUT', url: '/api/invoices/settings', payload: { finance_email: `finance.${c.apiKey}@example.com` } }));
    // Auto-reload: its settings, a reload through the public API, a pause on a "do not honour" decline, resume.
    const autoReload = (methodId: string) => c.browser.request({ method: 'PUT', url: '/api/auto-reload', payload: { enabled: true, method_id: methodId, amount: 10, threshold: 5 } });
    const reloadNow = () => t.app.inject({ method: 'POST', url: '/account/top-up', headers: c.auth, payload: { trx: 'reload' } });
    await measure('PUT /api/auto-reload', () => autoReload(second.json().id));
    await measure('POST /account/top-up', reloadNow);
    await autoReload((await addCard(c.browser, testCards.doNotHonour)).json().id);
    expect((await reloadNow()).statusCode).toBe(402);
    await measure('POST /api/auto-reload/resume', () => c.browser.post('/api/auto-reload/resume'));
    await measure('DELETE /api/billing/payment-methods/:method_id', () => c.browser.delete(`/api/billing/payment-methods/${card.json().id}`));
    await refundPayment(t.ctx, paid.json().payment.id, 5_000_000, false, operatorAuthor);
    // The renewal job: a number renewed each month until the sign-up credit runs out, then released.
    const renter = await signUpVerified(t.app, t.ctx);
    const renterAuth = { authorization: basic(renter.apiKey, renter.apiSecret) };
    const [renewable] = (await t.app.inject({ url: '/number/search?country=GB&type=mobile-lvn&size=1', headers: renterAuth })).json().numbers;
    const rented = await t.app.inject({ method: 'POST', url: '/number/buy', headers: { ...renterAuth, 'content-type': 'application/x-www-form-urlencoded' }, payload: `country=GB&msisdn=${renewable.msisdn}` });
    expect(rented.statusCode, rented.body).toBe(200);
    const renewals = await runNumberRenewals(t.ctx, new Date(t.clock.now().getTime() + 366 * DAY));
    expect(renewals.charged).toBeGreaterThan(0);
    expect(renewals.released).toBe(1);

    const unwalked = routes.filter((route) => !covered.has(route) && !(route in notChanges));
    expect(unwalked, 'mutating routes without an activity scenario here (add one, or a justified entry in notChanges)').toEqual([]);
  });

  it('recorded every kind, and no entry of any kind holds a password, secret, PIN, code or token', async () => {
    const rows = await t.ctx.db.selectFrom('activity_entries').selectAll().execute();
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(activityKinds));
    expect(secrets.size).toBeGreaterThan(20);
    // A secret counts as a whole word: a 6-digit code also turns up by chance inside longer numbers and ids.
    const asWord = (secret: string) => new RegExp(`(?<![A-Za-z0-9])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`);
    const leaks = rows.flatMap((row) => {
      const text = JSON.stringify(row);
      return [...secrets].filter((secret) => asWord(secret).test(text)).map((secret) => `${row.kind}: ${secret}`);
    });
    expect(leaks).toEqual([]);
  });
});
