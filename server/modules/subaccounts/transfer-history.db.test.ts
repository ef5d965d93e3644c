import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCreditLimit } from '../account/operator.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('console transfer history', () => {
  let t: TestApp;
  let primary: Awaited<ReturnType<typeof signUpVerified>>;
  const keys: Record<string, string> = {};
  const start = '2000-01-01T00:00:00Z';

  beforeAll(async () => {
    t = await createTestApp();
    primary = await signUpVerified(t.app, t.ctx);
    await setCreditLimit(t.ctx, primary.apiKey, -100_000_000);
    for (const name of ['Alpha', 'Beta']) {
      keys[name] = (await primary.browser.post(`/accounts/${primary.apiKey}/subaccounts`, { name, use_primary_account_balance: false })).json().api_key;
    }
    const moves = [
      ['credit-transfers', primary.apiKey, keys.Alpha, 30, 'first'],
      ['balance-transfers', primary.apiKey, keys.Beta, 0.5, 'second'],
      ['credit-transfers', keys.Alpha, primary.apiKey, 10, 'third'],
    ] as const;
    for (const [path, from, to, amount, reference] of moves) {
      t.clock.advance(1000);
      const response = await primary.browser.post(`/accounts/${primary.apiKey}/${path}`, { from, to, amount, reference });
      expect(response.statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  const history = async (query: string) => {
    const response = await primary.browser.get(`/api/subaccounts/transfers?start_date=${start}&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('lists both kinds newest first with the names of both sides, one page at a time', async () => {
    const first = await history('limit=2');
    expect(first.total).toBe(3);
    expect(first.items.map((item: { reference: string }) => item.reference)).toEqual(['third', 'second']);
    expect(first.items[0]).toMatchObject({ kind: 'credit', amount: 10, from: keys.Alpha, from_name: 'Alpha', to: primary.apiKey });
    expect(first.items[1]).toMatchObject({ kind: 'balance', amount: 0.5, to: keys.Beta, to_name: 'Beta' });
    const second = await history('limit=2&offset=2');
    expect(second.items.map((item: { reference: string }) => item.reference)).toEqual(['first']);
  });

  it('filters by kind and by subaccount on either side', async () => {
    expect((await history('kind=balance')).items.map((item: { reference: string }) => item.reference)).toEqual(['second']);
    const alpha = await history(`subaccount=${keys.Alpha}`);
    expect(alpha.total).toBe(2);
    expect(alpha.items.map((item: { reference: string }) => item.reference)).toEqual(['third', 'first']);
  });

  it('shows one family nothing of another, and refuses a malformed date', async () => {
    const other = await signUpVerified(t.app, t.ctx);
    expect((await other.browser.get(`/api/subaccounts/transfers?start_date=${start}`)).json()).toEqual({ items: [], total: 0 });
    expect((await other.browser.get(`/api/subaccounts/transfers?subaccount=${keys.Alpha}&start_date=${start}`)).json().total).toBe(0);
    const malformed = await primary.browser.get('/api/subaccounts/transfers?start_date=yesterday');
    expect(malformed.statusCode).toBe(422);
  });
});
