import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCreditLimit } from '../account/operator.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { basic } from '../../testing/basic-auth.js';

const validationType = 'https://developer.nexmo.com/api-errors/account/subaccounts#validation';

describe('Subaccounts API errors (vonage-api.md §4.3)', () => {
  let t: TestApp;
  let primary: Awaited<ReturnType<typeof signUpVerified>>;
  let auth: { authorization: string };
  let own: { api_key: string; secret: string };
  let shared: { api_key: string; secret: string };
  let other: { api_key: string };

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = auth) =>
    t.app.inject({ method, url, payload, headers });

  beforeAll(async () => {
    t = await createTestApp({ config: { MAX_SUBACCOUNTS: '3' } });
    primary = await signUpVerified(t.app, t.ctx);
    auth = { authorization: basic(primary.apiKey, primary.apiSecret) };
    await setCreditLimit(t.ctx, primary.apiKey, -50_000_000);
    own = (await call('POST', `/accounts/${primary.apiKey}/subaccounts`, { name: 'Own', use_primary_account_balance: false })).json();
    shared = (await call('POST', `/accounts/${primary.apiKey}/subaccounts`, { name: 'Shared' })).json();
    other = (await call('POST', `/accounts/${primary.apiKey}/subaccounts`, { name: 'Other', use_primary_account_balance: false })).json();
  });
  afterAll(() => t.close());

  it('401 for wrong credentials', async () => {
    const response = await call('GET', `/accounts/${primary.apiKey}/subaccounts`, undefined, { authorization: basic(primary.apiKey, 'Nope1234x') });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: 'https://developer.nexmo.com/api-errors#unauthorized', title: 'Invalid credentials supplied', detail: 'You did not provide correct credentials' });
  });

  it('403 unprovisioned when a subaccount asks for subaccounts: one level only', async () => {
    const response = await call('GET', `/accounts/${own.api_key}/subaccounts`, undefined, { authorization: basic(own.api_key, own.secret) });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ type: 'https://developer.nexmo.com/api-errors#unprovisioned', title: 'Authorisation error', detail: `Account ${own.api_key} is not provisioned to access Subaccount Provisioning API` });
  });

  it('404 for another account\'s key in the path, and for an unknown or foreign subaccount', async () => {
    const stranger = await signUpVerified(t.app, t.ctx);
    for (const url of [`/accounts/${stranger.apiKey}/subaccounts`, `/accounts/${primary.apiKey}/subaccounts/ffffffff`, `/accounts/${primary.apiKey}/subaccounts/${stranger.apiKey}`]) {
      const response = await call('GET', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ type: 'https://developer.nexmo.com/api-errors#invalid-api-key', title: 'Invalid API Key' });
    }
  });

  it('403 provisioning when the maximum number of subaccounts is reached', async () => {
    const response = await call('POST', `/accounts/${primary.apiKey}/subaccounts`, { name: 'Fourth' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ title: 'Maximum number of sub-accounts reached', detail: 'This account has reached maximum number of allowed sub-accounts' });
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(81) }, 'name'],
    [{ name: 'ok', use_primary_account_balance: 'yes' }, 'use_primary_account_balance'],
    [{ name: 'ok', secret: 'weak' }, 'secret'],
  ])('422 on create with %j', async (payload, field) => {
    const response = await call('POST', `/accounts/${primary.apiKey}/subaccounts`, payload);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ type: validationType, title: 'Bad Request', detail: 'The request failed due to validation errors' });
    expect(response.json().invalid_parameters.map((p: { name: string }) => p.name)).toContain(field);
  });

  it('422 "Should be either true or false" for a non-boolean', async () => {
    const response = await call('PATCH', `/accounts/${primary.apiKey}/subaccounts/${own.api_key}`, { suspended: 'maybe' });
    expect(response.json().invalid_parameters).toEqual([{ name: 'suspended', reason: "Should be either 'true' or 'false'" }]);
  });

  it('422 when switching back from its own balance to the shared one', async () => {
    const response = await call('PATCH', `/accounts/${primary.apiKey}/subaccounts/${own.api_key}`, { use_primary_account_balance: true });
    expect(response.statusCode).toBe(422);
    expect(response.json().invalid_parameters).toEqual([
      { name: 'use_primary_account_balance', reason: "Transitioning from 'use_primary_account_balance = false' to 'use_primary_account_balance = true' is not supported" },
    ]);
  });

  it.each([[0], [-5], ['-5'], ['abc'], [true], [0.0000001], ['1e3']])('422 for the amount %j', async (amount) => {
    const response = await call('POST', `/accounts/${primary.apiKey}/credit-transfers`, { from: primary.apiKey, to: own.api_key, amount });
    expect(response.statusCode).toBe(422);
    expect(response.json().invalid_parameters).toEqual([{ name: 'amount', reason: 'Only positive values of data type JSON number are allowed' }]);
  });

  it('422 when from and to are the same account, and for missing fields', async () => {
    const same = await call('POST', `/accounts/${primary.apiKey}/balance-transfers`, { from: own.api_key, to: own.api_key, amount: 1 });
    expect(same.json().invalid_parameters).toEqual([{ name: 'from', reason: 'Invalid accounts. From and To accounts should be different' }]);
    const missing = await call('POST', `/accounts/${primary.apiKey}/balance-transfers`, { amount: 1 });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().invalid_parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'to']);
  });

  it('422 for a missing or malformed start_date', async () => {
    for (const query of ['', '?start_date=yesterday']) {
      const response = await call('GET', `/accounts/${primary.apiKey}/credit-transfers${query}`);
      expect(response.statusCode).toBe(422);
      expect(response.json().invalid_parameters[0].name).toBe('start_date');
    }
    expect((await call('GET', `/accounts/${primary.apiKey}/balance-transfers?start_date=yesterday`)).json().invalid_parameters).toEqual([{ name: 'start_date', reason: 'Malformed' }]);
  });

  it('403 Invalid Transfer between two subaccounts, with a foreign account, or with a shared-balance subaccount', async () => {
    const stranger = await signUpVerified(t.app, t.ctx);
    const cases = [
      { from: own.api_key, to: other.api_key },
      { from: primary.apiKey, to: stranger.apiKey },
      { from: stranger.apiKey, to: primary.apiKey },
      { from: primary.apiKey, to: shared.api_key },
    ];
    for (const body of cases) {
      for (const kind of ['credit-transfers', 'balance-transfers']) {
        const response = await call('POST', `/accounts/${primary.apiKey}/${kind}`, { ...body, amount: 1 });
        expect(response.statusCode, JSON.stringify(body)).toBe(403);
        expect(response.json()).toMatchObject({ type: 'https://developer.nexmo.com/api-errors/account/subaccounts#valid-transfers', title: 'Invalid Transfer' });
      }
    }
    expect((await call('POST', `/accounts/${primary.apiKey}/credit-transfers`, { from: own.api_key, to: other.api_key, amount: 1 })).json().detail).toBe(
      'Transfers are only allowed between a primary account and its subaccount',
    );
  });

  it('403 Insufficient Credit / Insufficient Balance, changing nothing', async () => {
    const before = (await call('GET', `/accounts/${primary.apiKey}/subaccounts`)).json();
    const credit = await call('POST', `/accounts/${primary.apiKey}/credit-transfers`, { from: primary.apiKey, to: own.api_key, amount: 50.01 });
    expect(credit.statusCode).toBe(403);
    expect(credit.json()).toMatchObject({ title: 'Transfer amount is invalid', detail: 'Insufficient Credit' });
    const balance = await call('POST', `/accounts/${primary.apiKey}/balance-transfers`, { from: own.api_key, to: primary.apiKey, amount: 0.01 });
    expect(balance.statusCode).toBe(403);
    expect(balance.json()).toMatchObject({ title: 'Transfer amount is invalid', detail: 'Insufficient Balance' });
    const moreThanAvailable = await call('POST', `/accounts/${primary.apiKey}/balance-transfers`, { from: primary.apiKey, to: own.api_key, amount: 52.000001 });
    expect(moreThanAvailable.json().detail).toBe('Insufficient Balance');
    expect((await call('GET', `/accounts/${primary.apiKey}/subaccounts`)).json()).toEqual(before);
  });
});
