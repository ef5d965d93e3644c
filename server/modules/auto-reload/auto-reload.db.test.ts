import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { configSchema } from '../../config.js';
import { buildContext } from '../../context-factory.js';
import { openDatabase } from '../../db/database.js';
import { createJobRunner } from '../../jobs/runner.js';
import { jobs } from '../../jobs/jobs.js';
import { HOUR, MINUTE } from '../../platform/clock.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { spend } from '../../testing/spend.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { addedCardId, testCards, topUp } from '../billing/billing-test-helpers.js';
import { runAutoReloads } from './reload.js';

/** A card belongs to one account only: each customer gets a Visa number of its own (Luhn-valid, so it succeeds). */
let cards = 0;
function ownVisa(): string {
  cards += 1;
  const body = `4${String(Date.now() % 1e8).padStart(8, '0')}${String(cards).padStart(6, '0')}`;
  const sum = [...body].reverse().reduce((total, digit, index) => {
    const doubled = index % 2 === 0 ? Number(digit) * 2 : Number(digit);
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const put = (browser: Browser, payload: object) => browser.request({ method: 'PUT', url: '/api/auto-reload', payload });

describe('auto-reload', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Each test moves on by whole 10-minute windows: a window's run is claimed once for the whole file. */
  const later = async (ms: number) => {
    t.clock.advance(ms);
    await t.jobs.runDue();
  };

  /** A signed-up account with a stored card and a settled €20 top-up: balance €22. */
  async function customer(card?: string) {
    const company = await signUpVerified(t.app, t.ctx);
    const number = ownVisa();
    const visa = await addedCardId(company.browser, number);
    const paid = await topUp(company.browser, visa, 20, `first-${company.apiKey}`);
    expect(paid.statusCode, paid.body).toBe(200);
    const methodId = card === undefined ? visa : await addedCardId(company.browser, card);
    const authorization = basic(company.apiKey, company.apiSecret);
    return {
      ...company,
      email: String(company.input.email),
      methodId,
      visa,
      visaLabel: `Visa •••• ${number.slice(-4)}`,
      authorization,
      settings: async () => (await company.browser.get('/api/auto-reload')).json(),
      balance: async () => (await t.app.inject({ url: '/account/get-balance', headers: { authorization } })).json() as { value: number; autoReload: boolean },
      reloads: () => t.ctx.db.selectFrom('payments').selectAll().where('idempotency_owner', '=', `auto-reload:${company.apiKey}`).orderBy('created_at').execute(),
    };
  }
  const mailTo = (recipient: string) =>
    t.ctx.db.selectFrom('outbox').select(['subject', 'body']).where('recipient', '=', recipient).where('subject', 'like', 'Auto-reload%').orderBy('id').execute();

  it('starts off with the default method, the last top-up amount and €10; billing:read sees it, billing:write changes it', async () => {
    const c = await customer();
    expect(await c.settings()).toMatchObject({ state: 'off', method_id: c.visa, method_label: c.visaLabel, amount: 20, threshold: 10, failures: 0 });

    const reader = await addMember(t, c.apiKey, { permissions: ['account:read', 'billing:read'] });
    expect((await reader.browser.get('/api/auto-reload')).statusCode).toBe(200);
    const body = { enabled: true, method_id: c.visa, amount: 20, threshold: 15 };
    const forbidden = await put(reader.browser, body);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ type: 'https://switchboard.dev/problems/permission-required', permission: 'billing:write' });
    expect((await reader.browser.post('/api/auto-reload/resume')).statusCode).toBe(403);
    expect((await c.settings()).state).toBe('off');

    const refused = async (payload: object, name: string) => {
      const response = await put(c.browser, payload);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().invalid_parameters.map((p: { name: string }) => p.name)).toContain(name);
    };
    await refused({ ...body, amount: 9.99 }, 'amount');
    await refused({ ...body, amount: 10_000.01 }, 'amount');
    await refused({ ...body, threshold: -1 }, 'threshold');
    await refused({ ...body, method_id: 'no-such-method' }, 'method_id');

    const saved = await put(c.browser, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ state: 'armed', amount: 20, threshold: 15 });
    const [entry] = await t.ctx.db.selectFrom('activity_entries').selectAll().where('primary_api_key', '=', c.apiKey).where('kind', '=', 'auto_reload.updated').execute();
    expect(JSON.parse(entry.changes)).toEqual([
      { field: 'auto_reload', before: false, after: true },
      { field: 'threshold', before: 10, after: 15 },
      { field: 'auto_reload_state', before: 'off', after: 'armed' },
    ]);
    expect(await c.balance()).toEqual({ value: 22, autoReload: true });
  });

  it('reloads once when the balance is below the threshold, even with two job runners on the database at once', async () => {
    const c = await customer();
    await put(c.browser, { enabled: true, method_id: c.visa, amount: 10, threshold: 25 });
    // Another server process, as far as the database can tell: its own connection (pool) and job runner.
    const second = await openDatabase(t.url);
    onTestFinished(() => second.close());
    const other = buildContext(configSchema.parse({ NODE_ENV: 'test' }), second, { clock: t.clock });
    const otherRunner = createJobRunner({ ctx: other, jobs, log: t.app.log });
    t.clock.advance(10 * MINUTE);
    await Promise.all([t.jobs.runDue(), otherRunner.runDue(), t.jobs.runDue(), otherRunner.runDue()]);
    const reloads = await c.reloads();
    expect(reloads).toEqual([expect.objectContaining({ status: 'settled', amount_micros: 10_000_000, initiated_by: 'system' })]);
    expect(await c.balance()).toEqual({ value: 32, autoReload: true });
    expect(await c.settings()).toMatchObject({ state: 'armed', last_reload: { payment_id: reloads[0].id, amount: 10 } });

    // Passes that bypass the runner's claim (a retried window) find the window's payment instead of charging again.
    await spend(t.ctx, c.apiKey, 10); // €22 < €25
    const window = new Date(t.clock.now().getTime() - (t.clock.now().getTime() % (10 * MINUTE)));
    await Promise.all([runAutoReloads(t.ctx, window), runAutoReloads(other, window), runAutoReloads(t.ctx, window)]);
    expect(await c.reloads()).toHaveLength(1);
    expect((await c.balance()).value).toBe(22);

    await later(10 * MINUTE); // the next window reloads again
    expect(await c.reloads()).toHaveLength(2);
    expect((await c.balance()).value).toBe(32);
    await later(10 * MINUTE); // above the threshold: nothing
    expect(await c.reloads()).toHaveLength(2);
  });

  it('backs off after a decline (10 min, 30 min, 2 h), pauses after the third retry fails, and resumes', async () => {
    const c = await customer(testCards.insufficientFunds);
    await put(c.browser, { enabled: true, method_id: c.methodId, amount: 10, threshold: 50 });

    await later(10 * MINUTE);
    const failing = await c.settings();
    expect(failing).toMatchObject({ state: 'failing', failures: 1, last_failure: { code: 'insufficient_funds' } });
    const firstWindow = new Date(t.clock.now().getTime() - (t.clock.now().getTime() % (10 * MINUTE)));
    expect(failing.retry_at).toBe(new Date(firstWindow.getTime() + 10 * MINUTE).toISOString());
    await t.jobs.runDue();
    const [declined] = await mailTo(c.email);
    expect(declined.subject).toBe('Auto-reload declined: Visa •••• 9995 (insufficient funds)');
    expect(declined.body).toContain('We will try again at');
    expect(await c.balance()).toEqual({ value: 22, autoReload: true });

    await later(10 * MINUTE); // retry 1 is due
    expect(await c.settings()).toMatchObject({ state: 'failing', failures: 2 });
    await later(10 * MINUTE); // 30 minutes to wait: nothing
    await later(10 * MINUTE);
    expect(await c.reloads()).toHaveLength(2);
    await later(10 * MINUTE); // retry 2
    expect(await c.settings()).toMatchObject({ state: 'failing', failures: 3 });
    await later(HOUR + 50 * MINUTE);
    expect(await c.reloads()).toHaveLength(3);
    await later(10 * MINUTE); // retry 3, two hours later: paused
    expect(await c.settings()).toMatchObject({ state: 'paused', failures: 4, retry_at: null });
    expect(await c.reloads()).toHaveLength(4);
    await t.jobs.runDue();
    expect((await mailTo(c.email)).map((mail) => mail.subject)).toEqual([
      'Auto-reload declined: Visa •••• 9995 (insufficient funds)',
      'Auto-reload paused: Visa •••• 9995 declined (insufficient funds)',
    ]);
    expect(await c.balance()).toEqual({ value: 22, autoReload: false });
    const topUpNow = await t.app.inject({ method: 'POST', url: '/account/top-up', headers: { authorization: c.authorization }, payload: { trx: 'x' } });
    expect(topUpNow.statusCode).toBe(401);
    expect(topUpNow.json()).toEqual({ 'error-code': '401', 'error-code-label': 'not auto-reload enabled' });
    await later(3 * HOUR);
    expect(await c.reloads()).toHaveLength(4); // paused: nothing is charged

    const resumed = await c.browser.post('/api/auto-reload/resume');
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({ state: 'armed', failures: 0, last_failure: null });
    await later(10 * MINUTE); // the same card declines again: failing(1), a new first e-mail
    expect(await c.settings()).toMatchObject({ state: 'failing', failures: 1 });

    await put(c.browser, { enabled: true, method_id: c.visa, amount: 30, threshold: 50 }); // a new method re-arms it
    expect((await c.settings()).state).toBe('armed');
    await later(10 * MINUTE);
    expect(await c.settings()).toMatchObject({ state: 'armed', failures: 0, last_reload: { amount: 30 } });
    expect((await c.balance()).value).toBe(52);
    expect((await c.browser.post('/api/auto-reload/resume')).statusCode).toBe(409);
  });

  it('pauses at once on a "do not honour" decline, e-mails the billing recipients, and logs why', async () => {
    const c = await customer(testCards.doNotHonour);
    const finance = `finance.${c.apiKey}@example.com`;
    await c.browser.request({ method: 'PUT', url: `/api/balance-alerts/${c.apiKey}`, payload: { enabled: false, threshold: 5, recipients: [c.email, finance] } });
    await put(c.browser, { enabled: true, method_id: c.methodId, amount: 10, threshold: 50 });
    await later(10 * MINUTE);
    expect(await c.settings()).toMatchObject({ state: 'paused', failures: 1, last_failure: { code: 'do_not_honor' } });
    await t.jobs.runDue();
    for (const recipient of [c.email, finance]) {
      expect((await mailTo(recipient)).map((mail) => mail.subject)).toEqual(['Auto-reload paused: Visa •••• 0002 declined (do not honour)']);
    }
    const [paused] = await t.ctx.db.selectFrom('activity_entries').selectAll().where('primary_api_key', '=', c.apiKey).where('kind', '=', 'auto_reload.paused').execute();
    expect(paused).toMatchObject({ actor_kind: 'system' });
    expect(JSON.parse(paused.changes)).toContainEqual({ field: 'decline', before: null, after: 'Visa •••• 0002: do not honour' });
    await later(HOUR);
    expect(await c.reloads()).toHaveLength(1);
  });

  it('stays charging while the reload is held for review, and is armed again once it settles', async () => {
    const c = await customer(testCards.reviewSettles);
    await put(c.browser, { enabled: true, method_id: c.methodId, amount: 10, threshold: 50 });
    await later(10 * MINUTE);
    expect(await c.settings()).toMatchObject({ state: 'charging' });
    expect(await c.reloads()).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(await c.balance()).toEqual({ value: 22, autoReload: true });
    await later(10 * MINUTE); // still in review: no second charge
    expect(await c.reloads()).toHaveLength(1);
    await later(20 * MINUTE); // reconcile-payments settles it, then auto-reload sees it
    expect(await c.settings()).toMatchObject({ state: 'armed', failures: 0, last_reload: { amount: 10 } });
    expect((await c.balance()).value).toBe(32);
    expect(await c.reloads()).toHaveLength(1);
  });

  it('reloads now through the public POST /account/top-up while enabled (once per Idempotency-Key), and 401 while off', async () => {
    const c = await customer();
    const topUpNow = (headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/account/top-up', headers: { authorization: c.authorization, 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: 'trx=8ef2447e69604f642ae59363aa5f781b' });
    const off = await topUpNow();
    expect(off.statusCode).toBe(401);
    expect(off.json()).toEqual({ 'error-code': '401', 'error-code-label': 'not auto-reload enabled' });
    expect(await c.balance()).toEqual({ value: 22, autoReload: false });

    await put(c.browser, { enabled: true, method_id: c.visa, amount: 15, threshold: 5 });
    const first = await topUpNow({ 'idempotency-key': 'reload-1' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ 'error-code': '200', 'error-code-label': 'success' });
    expect((await topUpNow({ 'idempotency-key': 'reload-1' })).statusCode).toBe(200);
    expect(await c.balance()).toEqual({ value: 37, autoReload: true });
    expect(await topUpNow()).toMatchObject({ statusCode: 200 });
    expect(await c.balance()).toEqual({ value: 52, autoReload: true });
    const reloads = await c.reloads();
    expect(reloads.map((payment) => [payment.status, payment.amount_micros, payment.initiated_by])).toEqual([
      ['settled', 15_000_000, `api_key:${c.apiKey}`],
      ['settled', 15_000_000, `api_key:${c.apiKey}`],
    ]);
    const [sms] = (
      await t.app.inject({ method: 'POST', url: '/sms/json', headers: { authorization: c.authorization }, payload: { from: 'Switchboard', to: '447700900001', text: 'hi' } })
    ).json().messages;
    const after = await c.balance();
    expect(Number(sms['remaining-balance'])).toBe(after.value);
  });

  it('refuses to delete the method auto-reload charges unless another is chosen in the same step', async () => {
    const c = await customer(testCards.mastercard);
    await put(c.browser, { enabled: true, method_id: c.methodId, amount: 10, threshold: 5 });
    const refused = await c.browser.request({ method: 'DELETE', url: `/api/billing/payment-methods/${c.methodId}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().invalid_parameters[0].name).toBe('auto_reload_method_id');
    const moved = await c.browser.request({ method: 'DELETE', url: `/api/billing/payment-methods/${c.methodId}?auto_reload_method_id=${c.visa}` });
    expect(moved.statusCode, moved.body).toBe(204);
    expect(await c.settings()).toMatchObject({ state: 'armed', method_id: c.visa, method_label: c.visaLabel });
    await put(c.browser, { enabled: false, method_id: c.visa, amount: 10, threshold: 5 });
    expect((await c.browser.request({ method: 'DELETE', url: `/api/billing/payment-methods/${c.visa}` })).statusCode).toBe(204);
  });
});
