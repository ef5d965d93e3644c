import { Secrets } from '@vonage/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { basic } from '../../testing/basic-auth.js';

describe('API secrets', () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
  });
  afterAll(() => t.close());

  it('rotates a secret without downtime through the official SDK: create, use, revoke the old one', async () => {
    const { apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    const secrets = new Secrets({ apiKey, apiSecret }, { apiHost: origin });
    const listed = await secrets.listSecrets(apiKey);
    expect(listed._embedded.secrets).toHaveLength(1);
    const oldId = listed._embedded.secrets[0].id;
    expect(listed._links?.self.href).toBe(`/accounts/${apiKey}/secrets`);

    const created = await secrets.createSecret(apiKey, 'NewSecret2026');
    expect(created).toMatchObject({ id: expect.any(String), created_at: expect.any(String), _links: { self: { href: `/accounts/${apiKey}/secrets/${created.id}` } } });
    expect(JSON.stringify(created)).not.toContain('NewSecret2026');
    expect(await secrets.getSecret(apiKey, created.id)).toEqual(created);

    const rotated = new Secrets({ apiKey, apiSecret: 'NewSecret2026' }, { apiHost: origin });
    await rotated.deleteSecret(apiKey, oldId);
    await expect(secrets.listSecrets(apiKey)).rejects.toThrow(/401/);
    expect((await rotated.listSecrets(apiKey))._embedded.secrets.map((s: { id: string }) => s.id)).toEqual([created.id]);
  });

  it('refuses a third secret with 403 add-excess-secret', async () => {
    const { apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(apiKey, apiSecret) };
    expect((await t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/secrets`, headers: auth, payload: { secret: 'Second2ndOne' } })).statusCode).toBe(201);
    const third = await t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/secrets`, headers: auth, payload: { secret: 'Third3rdOne' } });
    expect(third.statusCode).toBe(403);
    expect(third.json()).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors/account/secret-management#add-excess-secret',
      title: 'Secret Addition Forbidden',
      detail: 'Account reached maximum number [2] of allowed secrets',
      instance: expect.any(String),
    });
  });

  it('never lets two parallel creations exceed two secrets', async () => {
    const { apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(apiKey, apiSecret) };
    const responses = await Promise.all(
      ['Alpha1secret', 'Bravo2secret', 'Charlie3sec', 'Delta4secret'].map((secret) =>
        t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/secrets`, headers: auth, payload: { secret } }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 403, 403, 403]);
  });

  it('refuses to revoke the last secret with 403 delete-last-secret', async () => {
    const { apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(apiKey, apiSecret) };
    const [only] = (await t.app.inject({ url: `/accounts/${apiKey}/secrets`, headers: auth })).json()._embedded.secrets;
    const response = await t.app.inject({ method: 'DELETE', url: `/accounts/${apiKey}/secrets/${only.id}`, headers: auth });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors/account/secret-management#delete-last-secret',
      title: 'Secret Deletion Forbidden',
      detail: 'Can not delete the last secret. The account must always have at least 1 secret active at any time',
    });
  });

  it('validates the complexity rule with the spec\'s 400 body', async () => {
    const { apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(apiKey, apiSecret) };
    for (const weak of ['short1A', 'alllowercase1', 'ALLUPPERCASE1', 'NoDigitsHere', 'Waytoolongsecret123456789X']) {
      const response = await t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/secrets`, headers: auth, payload: { secret: weak } });
      expect(response.statusCode, weak).toBe(400);
      expect(response.json()).toMatchObject({
        type: 'https://developer.nexmo.com/api-errors/account/secret-management#validation',
        title: 'Bad Request',
        detail: 'The request failed due to secret validation errors',
        invalid_parameters: [{ name: 'secret', reason: 'Does not meet complexity requirements' }],
      });
    }
    const missing = await t.app.inject({ method: 'POST', url: `/accounts/${apiKey}/secrets`, headers: auth, payload: {} });
    expect(missing.statusCode).toBe(400);
    const list = (await t.app.inject({ url: `/accounts/${apiKey}/secrets`, headers: auth })).json();
    expect(list._embedded.secrets).toHaveLength(1);
  });

  it('answers 404 for an unknown secret id and for a key the caller may not touch', async () => {
    const a = await signUpVerified(t.app, t.ctx);
    const b = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(a.apiKey, a.apiSecret) };
    const unknown = await t.app.inject({ url: `/accounts/${a.apiKey}/secrets/00000000-0000-0000-0000-000000000000`, headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: 'https://developer.nexmo.com/api-errors#invalid-id', title: 'Invalid ID', detail: "ID '00000000-0000-0000-0000-000000000000' could not be found" });
    const foreign = await t.app.inject({ url: `/accounts/${b.apiKey}/secrets`, headers: auth });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ type: 'https://developer.nexmo.com/api-errors#invalid-api-key', title: 'Invalid API Key', detail: `API key '${b.apiKey}' not found` });
  });

  it('answers 401 with the Vonage problem for wrong credentials', async () => {
    const { apiKey } = await signUpVerified(t.app, t.ctx);
    const response = await t.app.inject({ url: `/accounts/${apiKey}/secrets`, headers: { authorization: basic(apiKey, 'Wrong1secret') } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: 'https://developer.nexmo.com/api-errors#unauthorized', title: 'Unauthorized', detail: 'You did not provide correct credentials.' });
  });

  it('lets the console generate a secret shown once, with its session and CSRF token', async () => {
    const { apiKey, apiSecret, browser } = await signUpVerified(t.app, t.ctx);
    const generated = await browser.post(`/api/accounts/${apiKey}/secrets/generate`);
    expect(generated.statusCode).toBe(201);
    const { secret, id } = generated.json();
    expect(secret).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{16}$/);
    const listed = await browser.get(`/accounts/${apiKey}/secrets`);
    expect(listed.json()._embedded.secrets.map((s: { id: string }) => s.id)).toContain(id);
    const withNew = await t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(apiKey, secret) } });
    expect(withNew.statusCode).toBe(200);
    const revoke = await browser.delete(`/accounts/${apiKey}/secrets/${id}`);
    expect(revoke.statusCode).toBe(204);
    const withOld = await t.app.inject({ url: '/account/get-balance', headers: { authorization: basic(apiKey, apiSecret) } });
    expect(withOld.statusCode).toBe(200);
  });
});
