import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { basic } from '../../testing/basic-auth.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { setCreditLimit } from './operator.js';

describe('console account view', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('knows when the first successful API call happened, and lists the latest calls', async () => {
    const { browser, apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    expect((await browser.get('/api/account')).json().has_successful_api_call).toBe(false);

    const authorization = basic(apiKey, apiSecret);
    await t.app.inject({ url: '/account/get-balance', headers: { authorization } });
    await t.app.inject({ url: `/accounts/${apiKey}/secrets`, headers: { authorization } });
    await t.flushApiRequestLog();

    expect((await browser.get('/api/account')).json().has_successful_api_call).toBe(true);
    const calls = (await browser.get('/api/account/api-calls?limit=5')).json().api_calls;
    expect(calls.map((c: { path: string }) => c.path)).toEqual(['/accounts/:api_key/secrets', '/account/get-balance']);
    expect(calls[0]).toMatchObject({ api_key: apiKey, method: 'GET', status: 200 });
  });

  it('does not show one company the calls of another', async () => {
    const a = await signUpVerified(t.app, t.ctx);
    const b = await signUpVerified(t.app, t.ctx);
    await t.app.inject({ url: `/account/get-balance?api_key=${b.apiKey}&api_secret=${b.apiSecret}` });
    await t.flushApiRequestLog();
    expect((await a.browser.get('/api/account/api-calls')).json().api_calls).toEqual([]);
  });

  it('shows the default webhooks in the API\'s own shape', async () => {
    const { browser } = await signUpVerified(t.app, t.ctx);
    expect((await browser.get('/api/account/settings')).json()).toEqual({
      'mo-callback-url': '',
      'dr-callback-url': '',
      'max-outbound-request': 30,
      'max-inbound-request': 30,
      'max-calls-per-second': 30,
    });
  });

  it('tells the agreed credit limit apart from what was lent to subaccounts', async () => {
    const { browser, apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    expect((await browser.get('/api/account')).json()).toMatchObject({ credit_limit: 0, credit_lent: 0 });

    await setCreditLimit(t.ctx, apiKey, -100_000_000);
    const authorization = basic(apiKey, apiSecret);
    const created = await t.app.inject({
      method: 'POST',
      url: `/accounts/${apiKey}/subaccounts`,
      headers: { authorization },
      payload: { name: 'customer', use_primary_account_balance: false },
    });
    const subKey = created.json().api_key as string;
    const transfer = await t.app.inject({
      method: 'POST',
      url: `/accounts/${apiKey}/credit-transfers`,
      headers: { authorization },
      payload: { from: apiKey, to: subKey, amount: 20.5 },
    });
    expect(transfer.statusCode).toBe(200);

    expect((await browser.get('/api/account')).json()).toMatchObject({ credit_limit: -79.5, credit_lent: 20.5 });
  });
});
