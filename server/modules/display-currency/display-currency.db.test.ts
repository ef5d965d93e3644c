import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { runAdmin } from '../../testing/run-admin.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { SEEDED_USD_RATE } from '../../db/migrations/020-balance-alerts-and-display-currency.js';

describe('display currency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is EUR by default, with the rate the migration seeds', async () => {
    const { browser } = await signUpVerified(t.app, t.ctx);
    const response = await browser.get('/api/display-currency');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ currency: 'EUR', usd_rate: { usd_per_eur: 1.0832, effective_on: SEEDED_USD_RATE.effective_on } });
  });

  it('is each user\'s own: one member\'s USD leaves the owner in EUR, and the change is in the activity log', async () => {
    const { browser, apiKey } = await signUpVerified(t.app, t.ctx);
    const member = await addMember(t, apiKey, { roleId: 'read_only' });
    const changed = await member.browser.request({ method: 'PUT', url: '/api/display-currency', payload: { currency: 'USD' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().currency).toBe('USD');
    expect((await member.browser.get('/api/display-currency')).json().currency).toBe('USD');
    expect((await browser.get('/api/display-currency')).json().currency).toBe('EUR');

    const entries = await t.ctx.db.selectFrom('activity_entries').selectAll().where('kind', '=', 'preferences.display_currency_changed').where('actor_id', '=', member.userId).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ primary_api_key: apiKey, api_key: null });
    expect(JSON.parse(entries[0].changes)).toEqual([{ field: 'display_currency', before: 'EUR', after: 'USD' }]);

    // Choosing what is already chosen changes nothing and records nothing.
    await member.browser.request({ method: 'PUT', url: '/api/display-currency', payload: { currency: 'USD' } });
    expect(await t.ctx.db.selectFrom('activity_entries').select('id').where('kind', '=', 'preferences.display_currency_changed').where('actor_id', '=', member.userId).execute()).toHaveLength(1);
  });

  it('refuses a currency it cannot show, and needs a signed-in user', async () => {
    const { browser } = await signUpVerified(t.app, t.ctx);
    const refused = await browser.request({ method: 'PUT', url: '/api/display-currency', payload: { currency: 'GBP' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().invalid_parameters).toEqual([expect.objectContaining({ name: 'currency' })]);
    expect((await t.app.inject('/api/display-currency')).statusCode).toBe(401);
  });

  it('shows amounts at the rate the operator sets with set-rate; the balance stays in EUR', async () => {
    const { browser } = await signUpVerified(t.app, t.ctx);
    const set = await runAdmin(t.url, ['set-rate', '--usd', '1.1']);
    expect(set.code, set.stderr).toBe(0);
    const effectiveOn = new Date().toISOString().slice(0, 10);
    expect(JSON.parse(set.stdout)).toEqual({ usd_per_eur: 1.1, effective_on: effectiveOn });
    expect((await browser.get('/api/display-currency')).json().usd_rate).toEqual({ usd_per_eur: 1.1, effective_on: effectiveOn });
    expect((await browser.get('/api/account')).json().balance).toBe(2);
  });

  it('set-rate refuses a rate that cannot be meant, with exit code 2 and the reason', async () => {
    const rates = async () => (await t.ctx.db.selectFrom('exchange_rates').select('id').execute()).length;
    const before = await rates();
    for (const [value, reason] of [
      ['0', /between 0.5 and 2/],
      ['=-1.08', /must be a positive number/],
      ['10832', /between 0.5 and 2/],
      ['1,0832', /decimal number/],
      ['1.08321234', /at most 6 decimals/],
      ['abc', /decimal number/],
    ] as const) {
      const refused = await runAdmin(t.url, ['set-rate', ...(value.startsWith('=') ? [`--usd${value}`] : ['--usd', value])]);
      expect(refused.code, `set-rate --usd ${value}`).toBe(2);
      expect(refused.stderr).toMatch(reason);
    }
    const missing = await runAdmin(t.url, ['set-rate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--usd is required/);
    expect(await rates()).toBe(before);
  });
});
