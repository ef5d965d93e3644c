import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import type { ProtectedAccess } from './permissions.js';

type Route = { method: string; url: string; access: ProtectedAccess };

/** How each endpoint family answers a caller it does not accept (vonage-api.md and the console's own). */
function unauthorizedAnswer(url: string, response: LightMyRequestResponse, reason: 'missing' | 'suspended'): string | null {
  const body = response.json();
  if (url === '/sms/json') {
    // The SMS API answers 200 with a status per message: 2 (missing credentials) or 8 (account barred).
    const expected = reason === 'missing' ? '2' : '8';
    return response.statusCode === 200 && body.messages?.[0]?.status === expected ? null : `${response.statusCode} ${response.body}`;
  }
  // The REST host's Account and Numbers APIs: the legacy error-code body.
  if (url.startsWith('/account/') || url.startsWith('/number/')) {
    const label = reason === 'missing' ? 'authentication failed' : 'account suspended';
    return response.statusCode === 401 && body['error-code'] === '401' && body['error-code-label'] === label ? null : `${response.statusCode} ${response.body}`;
  }
  const problem = response.statusCode === 401 && String(response.headers['content-type']).startsWith('application/problem+json') && /unauthorized$/.test(body.type);
  return problem ? null : `${response.statusCode} ${response.body}`;
}

describe('walking every declared route as a caller who should get nothing', () => {
  let t: TestApp;
  let family: Awaited<ReturnType<typeof signUpVerified>>;
  let stranger: Awaited<ReturnType<typeof signUpVerified>>;
  let subaccount: { api_key: string; secret: string };
  let suspended: { api_key: string; secret: string };
  let routes: Route[];

  const urlOf = (route: Route) =>
    route.url
      .replace(':api_key', family.apiKey)
      .replace(':subaccount_key', subaccount.api_key)
      .replace(/:[a-zA-Z_]+/g, '00000000-0000-4000-8000-000000000000');

  beforeAll(async () => {
    t = await createTestApp();
    family = await signUpVerified(t.app, t.ctx);
    stranger = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(family.apiKey, family.apiSecret) };
    const create = async (name: string) => (await t.app.inject({ method: 'POST', url: `/accounts/${family.apiKey}/subaccounts`, headers: auth, payload: { name } })).json();
    subaccount = await create('Walked');
    suspended = await create('Suspended');
    await t.app.inject({ method: 'PATCH', url: `/accounts/${family.apiKey}/subaccounts/${suspended.api_key}`, headers: auth, payload: { suspended: true } });
    routes = t.app.declaredRoutes.filter((route): route is Route => route.access.auth !== 'none' && route.method !== 'HEAD');
  });
  afterAll(() => t.close());

  it('without credentials: 401 in the format of the route\'s endpoint family', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const response = await t.app.inject({ method: route.method as 'GET', url: urlOf(route) });
      const problem = unauthorizedAnswer(route.url, response, 'missing');
      if (problem) wrong.push(`${route.method} ${route.url}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it('with a suspended subaccount\'s key: 401 (the SMS API: status 8) everywhere', async () => {
    const headers = { authorization: basic(suspended.api_key, suspended.secret) };
    const wrong: string[] = [];
    for (const route of routes) {
      const response = await t.app.inject({ method: route.method as 'GET', url: urlOf(route), headers });
      const problem = unauthorizedAnswer(route.url, response, route.access.auth === 'api' ? 'suspended' : 'missing');
      if (problem) wrong.push(`${route.method} ${route.url}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it('with another family\'s key: 404 Invalid API Key wherever this family\'s accounts are named; console routes take no API key', async () => {
    const headers = { authorization: basic(stranger.apiKey, stranger.apiSecret) };
    const wrong: string[] = [];
    for (const route of routes) {
      const response = await t.app.inject({ method: route.method as 'GET', url: urlOf(route), headers });
      if (route.access.auth === 'session') {
        if (unauthorizedAnswer(route.url, response, 'missing')) wrong.push(`${route.method} ${route.url}: ${response.statusCode}`);
      } else if (route.url.includes(':api_key')) {
        if (response.statusCode !== 404 || !response.json().type.endsWith('#invalid-api-key')) wrong.push(`${route.method} ${route.url}: ${response.statusCode} ${response.body}`);
      } else if (response.body.includes(family.apiKey)) {
        wrong.push(`${route.method} ${route.url} answered with the other family's key: ${response.body}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('with a subaccount\'s own key on its primary\'s routes: 404, and on its own family routes the spec\'s 403 unprovisioned', async () => {
    const headers = { authorization: basic(subaccount.api_key, subaccount.secret) };
    const onPrimary = await t.app.inject({ url: `/accounts/${family.apiKey}/subaccounts`, headers });
    expect(onPrimary.statusCode).toBe(404);
    const transfer = await t.app.inject({ method: 'POST', url: `/accounts/${subaccount.api_key}/balance-transfers`, headers, payload: { from: family.apiKey, to: subaccount.api_key, amount: 1 } });
    expect(transfer.statusCode).toBe(403);
    expect(transfer.json().type).toBe('https://developer.nexmo.com/api-errors#unprovisioned');
  });
});
