import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../config.js';
import { buildContext } from '../../context-factory.js';
import { openDatabase, type DatabaseHandle } from '../../db/database.js';
import { createJobRunner } from '../../jobs/runner.js';
import { jobs } from '../../jobs/jobs.js';
import { HOUR, MINUTE } from '../../platform/clock.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { spend } from '../../testing/spend.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { topUpByOperator } from '../account/operator.js';
import { checkBalanceAlerts } from './check-alerts.js';

const put = (browser: Browser, url: string, payload: object) => browser.request({ method: 'PUT', url, payload });

describe('balance alerts', () => {
  let t: TestApp;
  let second: DatabaseHandle;
  beforeAll(async () => {
    t = await createTestApp();
    // Another server process, as far as the database can tell: its own connection (pool) and job runner.
    second = await openDatabase(t.url);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const alertsTo = async (recipient: string) =>
    t.ctx.db.selectFrom('outbox').select(['subject', 'body', 'status']).where('recipient', '=', recipient).where('subject', 'like', 'Balance below%').orderBy('id').execute();
  const anHourLater = async () => {
    t.clock.advance(HOUR);
    await t.jobs.runDue();
  };

  async function signedUp() {
    const company = await signUpVerified(t.app, t.ctx);
    return { ...company, email: String(company.input.email) };
  }

  it('starts off, at €10, to the account\'s e-mail', async () => {
    const { browser, apiKey, email } = await signedUp();
    const response = await browser.get(`/api/balance-alerts/${apiKey}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ api_key: apiKey, enabled: false, threshold: 10, recipients: [email], alerted_at: null });
  });

  it('sends one e-mail per crossing: crossing, hours below, recovery, crossing again = two', async () => {
    const { browser, apiKey, email } = await signedUp();
    const finance = `finance.${apiKey}@example.com`;
    const saved = await put(browser, `/api/balance-alerts/${apiKey}`, { enabled: true, threshold: 1.5, recipients: [email, finance] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ enabled: true, threshold: 1.5, recipients: [email, finance] });

    await anHourLater();
    expect(await alertsTo(email)).toEqual([]); // €2.00 test credit: above €1.50

    expect(await spend(t.ctx, apiKey, 0.6)).toBe(true); // €1.40
    await anHourLater();
    await t.jobs.runDue(); // delivers what the alert pass queued
    const first = await alertsTo(email);
    expect(first).toEqual([expect.objectContaining({ subject: 'Balance below €1.50: €1.40 left', status: 'delivered' })]);
    expect(first[0].body).toContain(`your Switchboard account (${apiKey})`);
    expect(await alertsTo(finance)).toHaveLength(1);
    expect((await browser.get(`/api/balance-alerts/${apiKey}`)).json().alerted_at).not.toBeNull();

    for (let hour = 0; hour < 5; hour++) await anHourLater();
    await spend(t.ctx, apiKey, 0.2); // lower still: the same crossing
    await anHourLater();
    expect(await alertsTo(email)).toHaveLength(1);

    await topUpByOperator(t.ctx, apiKey, 1_000_000, null); // €2.20: recovered
    await anHourLater();
    expect((await browser.get(`/api/balance-alerts/${apiKey}`)).json().alerted_at).toBeNull();
    expect(await alertsTo(email)).toHaveLength(1);

    await spend(t.ctx, apiKey, 1); // €1.20: crossing again
    await anHourLater();
    await anHourLater();
    expect(await alertsTo(email)).toHaveLength(2);
    expect(await alertsTo(finance)).toHaveLength(2);
  });

  it('sends one e-mail per crossing when two job runners on the database run at once', async () => {
    const { browser, apiKey, email } = await signedUp();
    await put(browser, `/api/balance-alerts/${apiKey}`, { enabled: true, threshold: 5, recipients: [email] });
    const other = buildContext(configSchema.parse({ NODE_ENV: 'test' }), second, { clock: t.clock });
    const otherRunner = createJobRunner({ ctx: other, jobs, log: t.app.log });
    t.clock.advance(HOUR);
    await Promise.all([t.jobs.runDue(), otherRunner.runDue(), t.jobs.runDue(), otherRunner.runDue()]);
    expect(await alertsTo(email)).toHaveLength(1);

    // Even passes that bypass the runner's claim (a retried period) claim each crossing once.
    await topUpByOperator(t.ctx, apiKey, 10_000_000, null);
    await checkBalanceAlerts(t.ctx);
    await spend(t.ctx, apiKey, 9);
    const passes = await Promise.all([checkBalanceAlerts(t.ctx), checkBalanceAlerts(other), checkBalanceAlerts(t.ctx), checkBalanceAlerts(other)]);
    expect(passes.reduce((sum, pass) => sum + pass.alerted, 0)).toBe(1);
    expect(await alertsTo(email)).toHaveLength(2);
  });

  it('sends nothing while the alert is off', async () => {
    const { browser, apiKey, email } = await signedUp();
    await put(browser, `/api/balance-alerts/${apiKey}`, { enabled: false, threshold: 50, recipients: [email] });
    await anHourLater();
    expect(await alertsTo(email)).toEqual([]);
  });

  it('refuses recipients and thresholds that cannot be right, naming the field', async () => {
    const { browser, apiKey, email } = await signedUp();
    const refused = async (body: object, name: string) => {
      const response = await put(browser, `/api/balance-alerts/${apiKey}`, body);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().invalid_parameters.map((p: { name: string }) => p.name)).toContain(name);
    };
    await refused({ enabled: true, threshold: 10, recipients: [] }, 'recipients');
    await refused({ enabled: true, threshold: 10, recipients: ['not an address'] }, 'recipients.0');
    await refused({ enabled: true, threshold: 10, recipients: [email, email.toUpperCase()] }, 'recipients');
    await refused({ enabled: true, threshold: 10, recipients: Array.from({ length: 6 }, (_, i) => `r${i}@example.com`) }, 'recipients');
    await refused({ enabled: true, threshold: -1, recipients: [email] }, 'threshold');
    await refused({ enabled: true, threshold: 0.0000001, recipients: [email] }, 'threshold');
    await refused({ enabled: true, threshold: 'ten', recipients: [email] }, 'threshold');
    await refused({ threshold: 10, recipients: [email] }, 'enabled');
    expect((await browser.get(`/api/balance-alerts/${apiKey}`)).json().enabled).toBe(false);
  });

  it('records who changed the alert, in the activity log', async () => {
    const { browser, apiKey, email } = await signedUp();
    await put(browser, `/api/balance-alerts/${apiKey}`, { enabled: true, threshold: '12.50', recipients: [email] });
    const entries = await t.ctx.db.selectFrom('activity_entries').selectAll().where('primary_api_key', '=', apiKey).where('kind', '=', 'balance_alert.updated').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ api_key: apiKey, actor_kind: 'user' });
    expect(JSON.parse(entries[0].changes)).toEqual([
      { field: 'alert_enabled', before: false, after: true },
      { field: 'threshold', before: 10, after: 12.5 },
    ]);

    // Saving the same settings again changes nothing and records nothing.
    await put(browser, `/api/balance-alerts/${apiKey}`, { enabled: true, threshold: 12.5, recipients: [email] });
    expect(await t.ctx.db.selectFrom('activity_entries').select('id').where('primary_api_key', '=', apiKey).where('kind', '=', 'balance_alert.updated').execute()).toHaveLength(1);
  });

  it('lets an own-balance subaccount have its own alert, and refuses one for a shared-balance subaccount', async () => {
    const { browser, apiKey, apiSecret, email } = await signedUp();
    const authorization = basic(apiKey, apiSecret);
    const create = (payload: object) => t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/subaccounts`, headers: { authorization }, payload });
    const own = (await create({ name: 'Reseller customer', use_primary_account_balance: false })).json().api_key as string;
    const shared = (await create({ name: 'Shared customer' })).json().api_key as string;
    const moved = await t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/balance-transfers`, headers: { authorization }, payload: { from: apiKey, to: own, amount: 1 } });
    expect(moved.statusCode, moved.body).toBe(200);

    const customer = `ops@customer-${own}.example.com`;
    const saved = await put(browser, `/api/balance-alerts/${own}`, { enabled: true, threshold: 0.8, recipients: [customer] });
    expect(saved.statusCode, saved.body).toBe(200);
    const refused = await put(browser, `/api/balance-alerts/${shared}`, { enabled: true, threshold: 0.8, recipients: [email] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/primary account's balance alert/);

    await anHourLater();
    expect(await alertsTo(customer)).toEqual([]);
    await spend(t.ctx, own, 0.5); // the subaccount's own €1.00 → €0.50
    await anHourLater();
    const [alert] = await alertsTo(customer);
    expect(alert.subject).toBe('Balance below €0.80: €0.50 left');
    expect(alert.body).toContain(`the subaccount "Reseller customer" (${own})`);
    expect(await alertsTo(email)).toEqual([]); // the primary's own balance (€1.00) has no alert set
  });

  it('lets billing:read see the alert and only billing:write change it; other families see nothing', async () => {
    const { apiKey, email } = await signedUp();
    const reader = await addMember(t, apiKey, { permissions: ['account:read', 'billing:read'] });
    const writer = await addMember(t, apiKey, { permissions: ['billing:write'] });
    const body = { enabled: true, threshold: 3, recipients: [email] };

    expect((await reader.browser.get(`/api/balance-alerts/${apiKey}`)).statusCode).toBe(200);
    const forbidden = await put(reader.browser, `/api/balance-alerts/${apiKey}`, body);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ type: 'https://switchboard.dev/problems/permission-required', permission: 'billing:write' });
    expect((await put(writer.browser, `/api/balance-alerts/${apiKey}`, body)).statusCode).toBe(200);

    const stranger = await signedUp();
    expect((await stranger.browser.get(`/api/balance-alerts/${apiKey}`)).statusCode).toBe(404);
    expect((await put(stranger.browser, `/api/balance-alerts/${apiKey}`, body)).statusCode).toBe(404);
  });
});

describe('the runway forecast', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says "no recent spend" until there is some, then dates the threshold and zero at the last 7 days\' average', async () => {
    const { browser, apiKey, input } = await signUpVerified(t.app, t.ctx);
    const runway = async () => (await browser.get(`/api/balance-alerts/${apiKey}/runway`)).json();
    expect(await runway()).toMatchObject({ balance: 2, daily_spend: 0, threshold_at: null, zero_at: null, days_to_zero: null, window_days: 7 });

    await topUpByOperator(t.ctx, apiKey, 12_000_000, null); // €14.00
    await spend(t.ctx, apiKey, 3.5); // older than the window by the time of the forecast: not counted
    t.clock.advance(DAYS(7) + 30 * MINUTE);
    await spend(t.ctx, apiKey, 0.35);
    t.clock.advance(DAYS(2));
    await spend(t.ctx, apiKey, 0.35); // €9.80; €0.70 within the last 7 days → €0.10 a day
    // Days have passed: the console session expired, so sign in again.
    expect((await browser.post('/api/sessions', { email: input.email, password: input.password })).statusCode).toBe(200);
    await browser.request({ method: 'PUT', url: `/api/balance-alerts/${apiKey}`, payload: { enabled: true, threshold: 5, recipients: [input.email] } });

    const now = t.clock.now().getTime();
    const forecast = await runway();
    expect(forecast).toMatchObject({ payer_api_key: apiKey, balance: 9.8, threshold: 5, daily_spend: 0.1, days_to_threshold: 48, days_to_zero: 98 });
    expect(forecast.zero_at).toBe(new Date(now + DAYS(98)).toISOString());
    expect(forecast.threshold_at).toBe(new Date(now + DAYS(48)).toISOString());
  });

  it('forecasts a shared-balance subaccount on the primary\'s balance', async () => {
    const { browser, apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    const created = await t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/subaccounts`, headers: { authorization: basic(apiKey, apiSecret) }, payload: { name: 'Shared' } });
    const shared = created.json().api_key as string;
    await spend(t.ctx, shared, 0.7);
    const forecast = (await browser.get(`/api/balance-alerts/${shared}/runway`)).json();
    expect(forecast).toMatchObject({ api_key: shared, payer_api_key: apiKey, balance: 1.3, daily_spend: 0.1, days_to_zero: 13, threshold: null, threshold_at: null });
  });
});

const DAYS = (n: number) => n * 24 * HOUR;
