import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts } from '@vonage/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { basic } from '../../testing/basic-auth.js';

describe('public Account API: balance, top-up, settings', () => {
  let t: TestApp;
  let origin: string;
  let webhooks: Server;
  let webhookOrigin: string;
  let account: Awaited<ReturnType<typeof signUpVerified>>;

  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
    webhooks = createServer((request, response) => {
      response.statusCode = request.url?.startsWith('/ok') ? 200 : 404;
      response.end('hello');
    });
    await new Promise<void>((resolve) => webhooks.listen(0, '127.0.0.1', resolve));
    webhookOrigin = `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}`;
    account = await signUpVerified(t.app, t.ctx);
  });
  afterAll(async () => {
    webhooks.close();
    await t.close();
  });

  it('reads the balance through the official SDK', async () => {
    const accounts = new Accounts({ apiKey: account.apiKey, apiSecret: account.apiSecret }, { restHost: origin });
    expect(await accounts.getBalance()).toEqual({ value: 2, autoReload: false });
  });

  it('accepts credentials as Basic header, query string, form body and JSON body', async () => {
    const { apiKey, apiSecret } = account;
    const responses = await Promise.all([
      t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(apiKey, apiSecret) } }),
      t.app.inject({ url: `/account/get-balance?api_key=${apiKey}&api_secret=${apiSecret}` }),
      t.app.inject({ method: 'POST', url: '/account/settings', payload: `api_key=${apiKey}&api_secret=${apiSecret}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      t.app.inject({ method: 'POST', url: '/account/settings', payload: { api_key: apiKey, api_secret: apiSecret } }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(responses[0].headers['content-type']).toMatch(/^application\/json/);
    expect(responses[0].json()).toEqual({ value: 2, autoReload: false });
  });

  it('refuses wrong credentials with the legacy 401 body', async () => {
    const response = await t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(account.apiKey, 'Wrong1234') } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ 'error-code': '401', 'error-code-label': 'authentication failed' });
    const missing = await t.app.inject({ url: '/account/get-balance' });
    expect(missing.statusCode).toBe(401);
  });

  it('answers top-up with "not auto-reload enabled" while auto-reload is off', async () => {
    const accounts = new Accounts({ apiKey: account.apiKey, apiSecret: account.apiSecret }, { restHost: origin });
    await expect(accounts.topUpBalance('8ef2447e69604f642ae59363aa5f781b')).rejects.toThrow(/401/);
    const response = await t.app.inject({
      method: 'POST',
      url: '/account/top-up',
      payload: 'trx=8ef2447e69604f642ae59363aa5f781b',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(account.apiKey, account.apiSecret) },
    });
    expect(response.json()).toEqual({ 'error-code': '401', 'error-code-label': 'not auto-reload enabled' });
    expect((await new Accounts({ apiKey: account.apiKey, apiSecret: account.apiSecret }, { restHost: origin }).getBalance()).value).toBe(2);
  });

  it('saves callback URLs after probing them, in kebab-case, through the SDK', async () => {
    const accounts = new Accounts({ apiKey: account.apiKey, apiSecret: account.apiSecret }, { restHost: origin });
    const saved = await accounts.updateAccountCallbacks({ moCallBackUrl: `${webhookOrigin}/ok/inbound`, drCallBackUrl: `${webhookOrigin}/ok/receipts` });
    expect(saved).toEqual({
      'mo-callback-url': `${webhookOrigin}/ok/inbound`,
      'dr-callback-url': `${webhookOrigin}/ok/receipts`,
      'max-outbound-request': 30,
      'max-inbound-request': 30,
      'max-calls-per-second': 30,
    });
  });

  it('accepts the lower-case Python casing, and an empty string unsets', async () => {
    const auth = { authorization: basic(account.apiKey, account.apiSecret), 'content-type': 'application/x-www-form-urlencoded' };
    const set = await t.app.inject({ method: 'POST', url: '/account/settings', headers: auth, payload: `moCallbackUrl=${encodeURIComponent(`${webhookOrigin}/ok/python`)}` });
    expect(set.json()['mo-callback-url']).toBe(`${webhookOrigin}/ok/python`);
    const unset = await t.app.inject({ method: 'POST', url: '/account/settings', headers: auth, payload: 'moCallBackUrl=' });
    expect(unset.json()['mo-callback-url']).toBe('');
  });

  it('refuses a URL that does not answer 200, and keeps the old value', async () => {
    const auth = { authorization: basic(account.apiKey, account.apiSecret), 'content-type': 'application/x-www-form-urlencoded' };
    await t.app.inject({ method: 'POST', url: '/account/settings', headers: auth, payload: `drCallBackUrl=${encodeURIComponent(`${webhookOrigin}/ok/keep`)}` });
    const refused = await t.app.inject({ method: 'POST', url: '/account/settings', headers: auth, payload: `drCallBackUrl=${encodeURIComponent(`${webhookOrigin}/missing`)}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ 'error-code': '400', invalid_parameters: [{ name: 'drCallBackUrl', reason: 'did not answer 200 OK' }] });
    const current = await t.app.inject({ method: 'POST', url: '/account/settings', headers: auth, payload: '' });
    expect(current.json()['dr-callback-url']).toBe(`${webhookOrigin}/ok/keep`);
  });

  it('reports every URL that fails the probe at once', async () => {
    const auth = { authorization: basic(account.apiKey, account.apiSecret), 'content-type': 'application/x-www-form-urlencoded' };
    const payload = `moCallBackUrl=${encodeURIComponent(`${webhookOrigin}/missing-mo`)}&drCallBackUrl=${encodeURIComponent('ftp://example.com/x')}`;
    const refused = await t.app.inject({ method: 'POST', url: '/account/settings', headers: auth, payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalid_parameters).toEqual([
      { name: 'moCallBackUrl', reason: 'did not answer 200 OK' },
      { name: 'drCallBackUrl', reason: 'must be an http or https URL' },
    ]);
  });

  it('throttles the wrong secrets of a client, with Retry-After, per address and per key at that address', async () => {
    const attacker = '198.51.100.200';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await t.app.inject({ url: '/account/get-balance', remoteAddress: attacker, headers: { authorization: basic('ffffffff', `Guess${i}xyz`) } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(Number((await t.app.inject({ url: '/account/get-balance', remoteAddress: attacker, headers: { authorization: basic('eeeeeeee', 'Other1xyz') } })).headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(61_000);
    const later = await t.app.inject({ url: '/account/get-balance', remoteAddress: attacker, headers: { authorization: basic('ffffffff', 'Guess99xyz') } });
    expect(later.statusCode).toBe(401);
  });

  it('never locks the owner out: wrong secrets for a key, from anywhere, leave its correct secret working', async () => {
    const victim = await signUpVerified(t.app, t.ctx);
    for (let i = 0; i < 30; i++) {
      await t.app.inject({ url: '/account/get-balance', remoteAddress: `198.51.100.${i < 21 ? 201 : 202}`, headers: { authorization: basic(victim.apiKey, `Guess${i}xyz`) } });
    }
    const fromOwner = await t.app.inject({ url: '/account/get-balance', remoteAddress: '203.0.113.50', headers: { authorization: basic(victim.apiKey, victim.apiSecret) } });
    expect(fromOwner.statusCode).toBe(200);
    const fromAttackerAddress = await t.app.inject({ url: '/account/get-balance', remoteAddress: '198.51.100.201', headers: { authorization: basic(victim.apiKey, victim.apiSecret) } });
    expect(fromAttackerAddress.statusCode).toBe(200);
    const stillWrong = await t.app.inject({ url: '/account/get-balance', remoteAddress: '198.51.100.201', headers: { authorization: basic(victim.apiKey, 'Guess0xyz') } });
    expect(stillWrong.statusCode).toBe(429);
  });

  it('does not throttle a burst of correctly authenticated calls', async () => {
    const responses = await Promise.all(
      Array.from({ length: 300 }, () => t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(account.apiKey, account.apiSecret) } })),
    );
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
  });

  it('logs API-key calls for the console, without their credentials', async () => {
    await t.app.inject({ url: `/account/get-balance?api_key=${account.apiKey}&api_secret=${account.apiSecret}` });
    await t.flushApiRequestLog();
    const rows = await t.ctx.db.selectFrom('api_requests').selectAll().where('api_key', '=', account.apiKey).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => !row.path.includes(account.apiSecret))).toBe(true);
    expect(rows[0]).toMatchObject({ method: 'GET', path: '/account/get-balance', status: 200 });
  });
});
