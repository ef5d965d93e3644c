import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_CHANGE_REQUIRED } from '../../../contract/permissions.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('a temporary password must be replaced before anything else works', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signUpVerified>>;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpVerified(t.app, t.ctx);
  });
  afterAll(() => t.close());

  it('refuses every route but the session read, sign-out and set-password with 403 password-change-required', async () => {
    const member = await addMember(t, owner.apiKey, { roleId: 'administrator', mustChangePassword: true });
    const session = await member.browser.get('/api/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().user.must_change_password).toBe(true);

    const open = new Set(['GET /api/session', 'DELETE /api/sessions/current', 'POST /api/session/password']);
    const answered: string[] = [];
    for (const route of t.app.declaredRoutes) {
      if (route.access.auth !== 'session' && route.access.auth !== 'api') continue;
      if (route.method === 'HEAD' || open.has(`${route.method} ${route.url}`)) continue;
      const url = route.url.replace(':api_key', owner.apiKey).replace(/:[a-z_]+/gi, 'x');
      const response = await member.browser.request({ method: route.method as 'GET', url });
      if (response.statusCode !== 403 || !response.body.includes(PASSWORD_CHANGE_REQUIRED)) answered.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(answered).toEqual([]);
  });

  it('sets a new password with the temporary one, ends the other sessions, and then everything works', async () => {
    const member = await addMember(t, owner.apiKey, { roleId: 'administrator', mustChangePassword: true });
    const otherDevice = new Browser(t.app, '192.0.2.77');
    expect((await otherDevice.post('/api/sessions', { email: member.email, password: member.password })).statusCode).toBe(200);

    const wrong = await member.browser.post('/api/session/password', { current_password: 'not it at all 1', new_password: 'my own password 7' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().invalid_parameters).toEqual([{ name: 'current_password', reason: 'This is not your current password.' }]);
    const weak = await member.browser.post('/api/session/password', { current_password: member.password, new_password: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().invalid_parameters[0].name).toBe('new_password');
    expect((await member.browser.get('/api/account')).statusCode).toBe(403);

    const set = await member.browser.post('/api/session/password', { current_password: member.password, new_password: 'my own password 7' });
    expect(set.statusCode).toBe(200);
    expect(set.json().user.must_change_password).toBe(false);
    expect((await member.browser.get('/api/account')).statusCode).toBe(200);
    expect((await otherDevice.get('/api/session')).statusCode).toBe(401);

    const stored = await t.ctx.db.selectFrom('users').select('password_hash').where('id', '=', member.userId).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const again = new Browser(t.app, '192.0.2.78');
    expect((await again.post('/api/sessions', { email: member.email, password: 'my own password 7' })).statusCode).toBe(200);
  });

  it('needs the CSRF header like every other unsafe session request', async () => {
    const response = await owner.browser.post('/api/session/password', { current_password: 'correct horse 42', new_password: 'another one 99' }, { csrf: false });
    expect(response.statusCode).toBe(403);
  });
});
