import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest, ApiRequestFilterOptions, ApiRequestPage } from '../../../contract/api-requests.js';
import { DAY } from '../../platform/clock.js';
import { basic } from '../../testing/basic-auth.js';
import { signInOwner, signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.js';

describe('the API request log and its search', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signUpVerified>>;
  let console_: Browser;
  let sub: { api_key: string; secret: string };
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpVerified(t.app, t.ctx);
    console_ = await signInOwner(t.app, owner.apiKey);
    const created = await t.app.inject({
      method: 'POST',
      url: `/accounts/${owner.apiKey}/subaccounts`,
      headers: { authorization: basic(owner.apiKey, owner.apiSecret) },
      payload: { name: 'Reseller customer' },
    });
    expect(created.statusCode, created.body).toBe(200);
    sub = created.json() as { api_key: string; secret: string };
  });
  afterAll(() => t.close());

  async function search(browser: Browser, query = ''): Promise<ApiRequestPage> {
    await t.flushApiRequestLog();
    const response = await browser.get(`/api/api-requests${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ApiRequestPage;
  }

  it('records what a request was — route template, status, latency, request id, client address, user agent — and never a secret', async () => {
    const authorization = basic(owner.apiKey, owner.apiSecret);
    const headers = { authorization, 'user-agent': 'partner-backend/1.2' };
    const listed = await t.app.inject({ url: `/accounts/${owner.apiKey}/secrets`, headers, remoteAddress: '198.51.100.77' });
    expect(listed.statusCode).toBe(200);
    const bySecretInQuery = await t.app.inject({ url: `/account/get-balance?api_key=${owner.apiKey}&api_secret=${encodeURIComponent(owner.apiSecret)}` });
    expect(bySecretInQuery.statusCode).toBe(200);
    const newSecret = 'NewSecret123';
    const added = await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/secrets`, headers, payload: { secret: newSecret } });
    expect(added.statusCode, added.body).toBe(201);
    const bodyCredentials = await t.app.inject({ method: 'POST', url: '/account/settings', payload: { api_key: owner.apiKey, api_secret: owner.apiSecret } });
    expect(bodyCredentials.statusCode).toBe(200);

    const { requests } = await search(console_, `?api_key=${owner.apiKey}`);
    const secretsList = requests.find((r) => r.path === '/accounts/:api_key/secrets' && r.method === 'GET');
    expect(secretsList).toMatchObject({
      api_key: owner.apiKey,
      status: 200,
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_ip: '198.51.100.77',
      user_agent: 'partner-backend/1.2',
      error_type: null,
      error_title: null,
    });
    expect(secretsList?.latency_ms).toBeGreaterThanOrEqual(0);
    expect(requests.some((r) => r.path === '/account/get-balance')).toBe(true);
    expect(requests.some((r) => r.method === 'POST' && r.path === '/accounts/:api_key/secrets' && r.status === 201)).toBe(true);

    const rows = await t.ctx.db.selectFrom('api_requests').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const forbidden = [owner.apiSecret, encodeURIComponent(owner.apiSecret), newSecret, authorization, authorization.slice('Basic '.length)];
    for (const row of rows) {
      for (const value of Object.values(row)) {
        for (const secret of forbidden) expect(String(value)).not.toContain(secret);
      }
    }
  });

  it('records the error type and title of a failure, in either error format', async () => {
    const headers = { authorization: basic(owner.apiKey, owner.apiSecret) };
    const problem = await t.app.inject({ method: 'DELETE', url: `/accounts/${owner.apiKey}/secrets/does-not-exist`, headers });
    expect(problem.statusCode).toBe(404);
    const legacy = await t.app.inject({ method: 'POST', url: '/number/cancel', headers, payload: { country: 'GB', msisdn: '447700900001' } });
    expect(legacy.statusCode).toBeGreaterThanOrEqual(400);

    const failed = (await search(console_, '?status_class=4xx')).requests;
    const deletion = failed.find((r) => r.path === '/accounts/:api_key/secrets/:secret_id');
    const problemBody = problem.json() as { type: string; title: string; instance: string };
    expect(deletion).toMatchObject({ method: 'DELETE', status: 404, error_type: problemBody.type, error_title: problemBody.title, request_id: problemBody.instance });
    const legacyBody = legacy.json() as Record<string, string>;
    expect(failed.find((r) => r.path === '/number/cancel')).toMatchObject({ error_type: legacyBody['error-code'], error_title: legacyBody['error-code-label'] });
    expect(failed.every((r) => r.status >= 400 && r.status < 500)).toBe(true);
    expect((await search(console_, '?status=404')).requests.every((r) => r.status === 404)).toBe(true);
  });

  it('filters by endpoint, key, status and request id, and pages newest first without gaps or repeats', async () => {
    const subHeaders = { authorization: basic(sub.api_key, sub.secret) };
    for (let i = 0; i < 7; i++) {
      await t.app.inject({ url: '/account/get-balance', headers: subHeaders });
      t.clock.advance(1000);
    }
    const all: ApiRequest[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiRequestPage = await search(console_, `?endpoint=${encodeURIComponent('GET /account/get-balance')}&api_key=${sub.api_key}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.requests.length).toBeLessThanOrEqual(3);
      all.push(...page.requests);
      cursor = page.next_cursor;
    } while (cursor);
    expect(all).toHaveLength(7);
    expect(new Set(all.map((r) => r.id)).size).toBe(7);
    expect(all.every((r) => r.api_key === sub.api_key && r.path === '/account/get-balance')).toBe(true);
    expect(all.map((r) => r.created_at)).toEqual([...all.map((r) => r.created_at)].sort().reverse());

    const one = all[3];
    expect((await search(console_, `?request_id=${one.request_id}`)).requests.map((r) => r.id)).toEqual([one.id]);
    const detail = await console_.get(`/api/api-requests/${one.id}`);
    expect(detail.json()).toEqual(one);

    const from = new Date(new Date(all[1].created_at).getTime()).toISOString();
    const window = (await search(console_, `?api_key=${sub.api_key}&from=${from}&to=${all[0].created_at}`)).requests;
    expect(window.map((r) => r.id)).toEqual([all[1].id]);

    expect((await search(console_, `?status_class=5xx`)).requests).toEqual([]);
    expect((await console_.get('/api/api-requests?status_class=6xx')).statusCode).toBe(422);
    expect((await console_.get('/api/api-requests?cursor=nonsense')).statusCode).toBe(422);
    const options = (await console_.get('/api/api-requests/filters')).json() as ApiRequestFilterOptions;
    expect(options.endpoints).toContainEqual({ method: 'POST', path: '/sms/json' });
    expect(options.endpoints).toContainEqual({ method: 'GET', path: '/accounts/:api_key/secrets' });
    expect(options.accounts.map((a) => [a.api_key, a.name, a.primary])).toEqual([
      [owner.apiKey, expect.any(String), true],
      [sub.api_key, 'Reseller customer', false],
    ]);
  });

  it('refuses members without usage:read and shows scoped members only their subaccounts', async () => {
    const without = await addMember(t, owner.apiKey, { permissions: ['account:read'] });
    expect((await without.browser.get('/api/api-requests')).statusCode).toBe(403);
    expect((await without.browser.get('/api/api-requests/filters')).statusCode).toBe(403);

    const scoped = await addMember(t, owner.apiKey, { permissions: ['usage:read'], subaccounts: [sub.api_key] });
    expect(((await scoped.browser.get('/api/api-requests/filters')).json() as ApiRequestFilterOptions).accounts.map((a) => a.api_key)).toEqual([sub.api_key]);
    const seen = (await search(scoped.browser, '?limit=200')).requests;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.api_key === sub.api_key)).toBe(true);
    expect((await search(scoped.browser, `?api_key=${owner.apiKey}`)).requests).toEqual([]);
    const ownersRequest = (await search(console_, `?api_key=${owner.apiKey}`)).requests[0];
    expect((await scoped.browser.get(`/api/api-requests/${ownersRequest.id}`)).statusCode).toBe(404);

    const stranger = await signUpVerified(t.app, t.ctx);
    const strangerConsole = await signInOwner(t.app, stranger.apiKey);
    expect((await strangerConsole.get(`/api/api-requests/${ownersRequest.id}`)).statusCode).toBe(404);
    expect((await search(strangerConsole, `?api_key=${owner.apiKey}`)).requests).toEqual([]);
  });

  it('purges requests and messages past their retention, and blanks message text sooner', async () => {
    const retention = (await console_.get('/api/api-requests/retention')).json();
    expect(retention).toEqual({ api_request_days: 90, message_days: 90, message_text_days: 30 });
    const message = (id: string, daysAgo: number) => ({
      id,
      primary_api_key: owner.apiKey,
      api_key: owner.apiKey,
      sender: 'Switchboard',
      recipient: '447700900123',
      text: `text of ${id}`,
      encoding: 'text' as const,
      parts: 1,
      price_micros: 40_000,
      country: 'GB',
      client_ref: null,
      status: 'delivered' as const,
      created_at: new Date(t.clock.now().getTime() - daysAgo * DAY).toISOString(),
    });
    await t.ctx.db.insertInto('messages').values([message('m-recent', 0.5), message('m-month', 31), message('m-old', 91)]).execute();
    await t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(owner.apiKey, owner.apiSecret) } });
    await t.flushApiRequestLog();
    const before = (await t.ctx.db.selectFrom('api_requests').select('id').execute()).length;
    const texts = async () => Object.fromEntries((await t.ctx.db.selectFrom('messages').select(['id', 'text']).execute()).map((m) => [m.id, m.text]));

    await t.jobs.runDue();
    expect(await texts()).toEqual({ 'm-recent': 'text of m-recent', 'm-month': '' });
    expect((await t.ctx.db.selectFrom('api_requests').select('id').execute()).length).toBe(before);

    t.clock.advance(89 * DAY);
    await t.jobs.runDue();
    expect((await t.ctx.db.selectFrom('api_requests').select('id').execute()).length).toBe(before);
    expect(await texts()).toEqual({ 'm-recent': '' });

    t.clock.advance(2 * DAY);
    await t.jobs.runDue();
    expect(await t.ctx.db.selectFrom('api_requests').select('id').execute()).toEqual([]);
    expect(await texts()).toEqual({});
  });
});
