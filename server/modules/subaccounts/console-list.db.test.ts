import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCreditLimit } from '../account/operator.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('console subaccounts list', () => {
  let t: TestApp;
  let primary: Awaited<ReturnType<typeof signUpVerified>>;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    primary = await signUpVerified(t.app, t.ctx);
    await setCreditLimit(t.ctx, primary.apiKey, -100_000_000);
    for (const [name, own] of [['Alpha shop', true], ['Beta 100%_off', false], ['gamma Shop', true], ['Delta', false]] as const) {
      t.clock.advance(1000);
      keys[name] = (await primary.browser.post(`/accounts/${primary.apiKey}/subaccounts`, { name, use_primary_account_balance: !own })).json().api_key;
    }
    await primary.browser.post(`/accounts/${primary.apiKey}/credit-transfers`, { from: primary.apiKey, to: keys['Alpha shop'], amount: 30 });
    await primary.browser.post(`/accounts/${primary.apiKey}/balance-transfers`, { from: primary.apiKey, to: keys['gamma Shop'], amount: 1.5 });
    await primary.browser.request({ method: 'PATCH', url: `/accounts/${primary.apiKey}/subaccounts/${keys['Delta']}`, payload: { suspended: true } });
  });
  afterAll(() => t.close());

  const page = async (query: string) => (await primary.browser.get(`/api/subaccounts?${query}`)).json();

  it('pages with totals over all subaccounts', async () => {
    const first = await page('limit=2&sort=created_at&order=asc');
    expect(first.items.map((s: { name: string }) => s.name)).toEqual(['Alpha shop', 'Beta 100%_off']);
    expect(first.total).toBe(4);
    expect(first.totals).toEqual({ subaccounts: 4, total_balance: 2, total_credit_limit: -100 });
    expect(first.primary).toEqual({ api_key: primary.apiKey, name: 'Acme Telecom Ltd', balance: 0.5, credit_limit: -70, suspended: false, created_at: expect.any(String) });
    const second = await page('limit=2&offset=2&sort=created_at&order=asc');
    expect(second.items.map((s: { name: string }) => s.name)).toEqual(['gamma Shop', 'Delta']);
  });

  it('shows what each can spend: its own balance minus limit, or the primary\'s when shared', async () => {
    const { items } = await page('sort=created_at&order=asc');
    expect(items.map((s: { available: number; balance: number | null }) => [s.balance, s.available])).toEqual([
      [0, 30],
      [null, 70.5],
      [1.5, 1.5],
      [null, 70.5],
    ]);
  });

  it('searches name and key case-insensitively, treating % and _ literally', async () => {
    expect((await page('search=SHOP')).items.map((s: { name: string }) => s.name).sort()).toEqual(['Alpha shop', 'gamma Shop']);
    expect((await page(`search=${encodeURIComponent('100%_')}`)).items.map((s: { name: string }) => s.name)).toEqual(['Beta 100%_off']);
    expect((await page('search=%25')).total).toBe(1);
    expect((await page(`search=${keys['Delta']}`)).items[0].name).toBe('Delta');
  });

  it('filters by status and balance mode, and sorts by any column', async () => {
    expect((await page('status=suspended')).items.map((s: { name: string }) => s.name)).toEqual(['Delta']);
    expect((await page('balance_mode=own')).total).toBe(2);
    expect((await page('sort=name&order=asc')).items.map((s: { name: string }) => s.name)).toEqual(['Alpha shop', 'Beta 100%_off', 'Delta', 'gamma Shop']);
    expect((await page('sort=available&order=desc&balance_mode=own')).items.map((s: { name: string }) => s.name)).toEqual(['Alpha shop', 'gamma Shop']);
  });

  it('refuses nonsense parameters with a 422 naming them', async () => {
    const response = await primary.browser.get('/api/subaccounts?sort=secret&limit=5000');
    expect(response.statusCode).toBe(422);
    expect(response.json().invalid_parameters.map((p: { name: string }) => p.name).sort()).toEqual(['limit', 'sort']);
  });
});
