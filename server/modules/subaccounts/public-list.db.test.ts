import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subaccountListSchema, subaccountSchema } from '../../../contract/subaccounts.js';
import { setCreditLimit } from '../account/operator.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('the public subaccounts list, built by the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has exactly the contract\'s fields and types, exact decimal amounts, nulls for shared balances', async () => {
    const primary = await signUpVerified(t.app, t.ctx);
    await setCreditLimit(t.ctx, primary.apiKey, -50_000_000);
    const own = (await primary.browser.post(`/accounts/${primary.apiKey}/subaccounts`, { name: 'Own "quoted" ünïcode', use_primary_account_balance: false })).json();
    t.clock.advance(1000);
    const shared = (await primary.browser.post(`/accounts/${primary.apiKey}/subaccounts`, { name: 'Shared' })).json();
    await primary.browser.post(`/accounts/${primary.apiKey}/balance-transfers`, { from: primary.apiKey, to: own.api_key, amount: 1.234567 });
    await primary.browser.post(`/accounts/${primary.apiKey}/credit-transfers`, { from: primary.apiKey, to: own.api_key, amount: '12.5' });
    await primary.browser.request({ method: 'PATCH', url: `/accounts/${primary.apiKey}/subaccounts/${shared.api_key}`, payload: { suspended: true } });

    const response = await primary.browser.get(`/accounts/${primary.apiKey}/subaccounts`);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    const strict = subaccountListSchema.extend({
      _embedded: subaccountListSchema.shape._embedded.extend({ subaccounts: subaccountSchema.strict().array() }).strict(),
    }).strict();
    expect(() => strict.parse(body)).not.toThrow();
    expect(body._embedded.subaccounts).toEqual([
      { api_key: own.api_key, name: 'Own "quoted" ünïcode', primary_account_api_key: primary.apiKey, use_primary_account_balance: false, created_at: own.created_at, suspended: false, balance: 1.234567, credit_limit: -12.5 },
      { api_key: shared.api_key, name: 'Shared', primary_account_api_key: primary.apiKey, use_primary_account_balance: true, created_at: shared.created_at, suspended: true, balance: null, credit_limit: null },
    ]);
    expect(body.total_balance).toBe(2);
    expect(body.total_credit_limit).toBe(-50);
    expect(body._embedded.primary_account).toEqual({ api_key: primary.apiKey, name: 'Acme Telecom Ltd', balance: 0.765433, credit_limit: -37.5, suspended: false, created_at: expect.any(String) });
  });

  it('is an empty array for a primary without subaccounts', async () => {
    const primary = await signUpVerified(t.app, t.ctx);
    const body = (await primary.browser.get(`/accounts/${primary.apiKey}/subaccounts`)).json();
    expect(body._embedded.subaccounts).toEqual([]);
    expect(body.total_balance).toBe(2);
  });
});
