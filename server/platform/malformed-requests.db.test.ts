import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../testing/basic-auth.js';
import { signUpVerified } from '../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.js';

const expectProblem = (response: LightMyRequestResponse, status: number) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), detail: expect.any(String), instance: expect.any(String) });
};

const expectLegacy = (response: LightMyRequestResponse, status: number) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toMatchObject({ 'error-code': String(status), 'error-code-label': expect.any(String) });
};

describe('requests the framework turns away or reads as empty', () => {
  let t: TestApp;
  let account: Awaited<ReturnType<typeof signUpVerified>>;
  let auth: { authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    account = await signUpVerified(t.app, t.ctx);
    auth = { authorization: basic(account.apiKey, account.apiSecret) };
  });
  afterAll(() => t.close());

  describe('framework-level errors come out in the format of the endpoint family they hit', () => {

    const huge = JSON.stringify({ moCallBackUrl: 'x'.repeat(1024 * 1024 + 10) });

    it('legacy Account API: broken JSON, unsupported media type, body too large, an undocumented httpForwardMethod', async () => {
      const post = (payload: string, contentType: string) =>
        t.app.inject({ method: 'POST', url: '/account/settings', headers: { ...auth, 'content-type': contentType }, payload });
      expectLegacy(await post('{"moCallBackUrl": ', 'application/json'), 400);
      expectLegacy(await post('<settings/>', 'application/xml'), 415);
      expectLegacy(await post(huge, 'application/json'), 413);
      const method = await post(JSON.stringify({ httpForwardMethod: 'PATCH' }), 'application/json');
      expectLegacy(method, 400);
      expect(method.json().invalid_parameters).toEqual([expect.objectContaining({ name: 'httpForwardMethod' })]);
      const documented = await post(JSON.stringify({ httpForwardMethod: 'POST_JSON' }), 'application/json');
      expect(documented.statusCode).toBe(200);
    });

    it('Subaccounts and secrets: a path with invalid percent-encoding, broken JSON, unsupported media type, body too large', async () => {
      expectProblem(await t.app.inject({ url: '/accounts/%zz/balance-transfers', headers: auth }), 400);
      expectProblem(await t.app.inject({ url: `/accounts/${account.apiKey}/secrets/%E0%A4%A`, headers: auth }), 400);
      const post = (url: string, payload: string, contentType: string) =>
        t.app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': contentType }, payload });
      for (const url of [`/accounts/${account.apiKey}/subaccounts`, `/accounts/${account.apiKey}/secrets`, `/accounts/${account.apiKey}/balance-transfers`]) {
        expectProblem(await post(url, '{"name": "x', 'application/json'), 400);
        expectProblem(await post(url, 'name=x', 'application/xml'), 415);
        expectProblem(await post(url, huge, 'application/json'), 413);
      }
    });

    it('a NUL character in a path, a query or a body is never a 500 (PostgreSQL refuses it in text)', async () => {
      const answers = [
        await t.app.inject({ url: '/accounts/%00/secrets', headers: auth }),
        await t.app.inject({ url: `/accounts/${account.apiKey}/secrets/%00`, headers: auth }),
        await t.app.inject({ url: `/accounts/${account.apiKey}/balance-transfers?subaccount=%00`, headers: auth }),
        await t.app.inject({ method: 'POST', url: `/accounts/${account.apiKey}/subaccounts`, headers: auth, payload: { name: 'North\u0000' } }),
        await new Browser(t.app).post('/api/sessions', { email: 'nobody\u0000@example.com', password: 'x\u0000y' }),
      ];
      for (const answer of answers) {
        expect(answer.statusCode, answer.body).toBeLessThan(500);
        if (answer.statusCode >= 400) expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(answers.filter((answer) => answer.statusCode >= 400).length).toBeGreaterThanOrEqual(4);
    });

    it('console API: broken JSON, unsupported media type, body too large, bad URL', async () => {
      const post = (payload: string, contentType: string) => t.app.inject({ method: 'POST', url: '/api/sessions', headers: { 'content-type': contentType }, payload });
      expectProblem(await post('{"email": ', 'application/json'), 400);
      expectProblem(await post('<x/>', 'application/xml'), 415);
      expectProblem(await post(huge, 'application/json'), 413);
      expectProblem(await t.app.inject({ url: '/api/signups/%zz' }), 400);
    });
  });

  describe('an empty body is no body, whatever its declared type', () => {

    const emptyBodies: Record<string, { headers: Record<string, string>; payload?: string }> = {
      'no body at all': { headers: {} },
      'JSON of length 0': { headers: { 'content-type': 'application/json' }, payload: '' },
      'form of length 0': { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' },
    };

    it.each(Object.keys(emptyBodies))('POST /account/settings with %s reads the settings back', async (variant) => {
      const { headers, payload } = emptyBodies[variant];
      const response = await t.app.inject({ method: 'POST', url: '/account/settings', headers: { ...auth, ...headers }, payload });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ 'mo-callback-url': '', 'max-outbound-request': 30 });
    });

    it.each(Object.keys(emptyBodies))('DELETE /accounts/{key}/secrets/{id} with %s revokes the secret (Python SDK)', async (variant) => {
      const created = await t.app.inject({ method: 'POST', url: `/accounts/${account.apiKey}/secrets`, headers: auth, payload: { secret: `Rotated${variant.length}Secret` } });
      expect(created.statusCode, created.body).toBe(201);
      const { headers, payload } = emptyBodies[variant];
      const revoked = await t.app.inject({ method: 'DELETE', url: `/accounts/${account.apiKey}/secrets/${created.json().id}`, headers: { ...auth, ...headers }, payload });
      expect(revoked.statusCode, revoked.body).toBe(204);
    });

    it('every documented operation without a required body takes each empty-body variant as no body', async () => {
      const document = (await t.app.inject({ url: '/openapi.json' })).json() as {
        paths: Record<string, Record<string, { requestBody?: { required?: boolean } }>>;
      };
      let checked = 0;
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (method === 'get' || operation.requestBody?.required) continue;
          const url = path.replace(/\{[^}]+\}/g, 'abcd1234');
          for (const [variant, { headers, payload }] of Object.entries(emptyBodies)) {
            const response = await t.app.inject({ method: method.toUpperCase() as 'POST', url, headers, payload });
            expect([400, 413, 415, 500], `${method} ${path} with ${variant}: ${response.body}`).not.toContain(response.statusCode);
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThan(6);
    });
  });
});
