import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, signupInput } from '../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

describe('forged sign-in and sign-up from other sites', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signUpVerified>>;
  beforeAll(async () => {
    t = await createTestApp({ config: { PUBLIC_URL: 'https://console.example.com' } });
    owner = await signUpVerified(t.app, t.ctx);
  });
  afterAll(() => t.close());

  const signIn = (headers: Record<string, string>, payload: string) => t.app.inject({ method: 'POST', url: '/api/sessions', headers, payload });
  const credentials = () => ({ email: owner.input.email, password: owner.input.password });

  it('takes no form and no plain text on the console API: a cross-site form cannot sign a visitor in', async () => {
    const form = new URLSearchParams(credentials()).toString();
    const formPost = await signIn({ 'content-type': 'application/x-www-form-urlencoded' }, form);
    expect(formPost.statusCode).toBe(415);
    expect(formPost.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(formPost.cookies).toHaveLength(0);
    const plainText = await signIn({ 'content-type': 'text/plain' }, JSON.stringify(credentials()));
    expect(plainText.statusCode).toBe(415);
    expect(plainText.cookies).toHaveLength(0);
  });

  it('refuses a sign-up form posted by another site, and sends no PIN', async () => {
    const input = signupInput();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/signups',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(input as Record<string, string>).toString(),
    });
    expect(response.statusCode).toBe(415);
    expect(await t.ctx.db.selectFrom('signups').select('id').where('email', '=', input.email).execute()).toEqual([]);
  });

  it('refuses an unsafe anonymous request whose Origin is another site, and accepts our own', async () => {
    const json = { 'content-type': 'application/json' };
    const foreign = await signIn({ ...json, origin: 'https://evil.example' }, JSON.stringify(credentials()));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.cookies).toHaveLength(0);
    const nullOrigin = await signIn({ ...json, origin: 'null' }, JSON.stringify(credentials()));
    expect(nullOrigin.statusCode).toBe(403);
    expect((await signIn({ ...json, origin: 'https://console.example.com' }, JSON.stringify(credentials()))).statusCode).toBe(200);
    expect((await signIn({ ...json, origin: 'http://localhost:80' }, JSON.stringify(credentials()))).statusCode).toBe(200);
    expect((await signIn(json, JSON.stringify(credentials()))).statusCode).toBe(200);
  });
});
