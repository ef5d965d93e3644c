import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('sign-in, sessions and sign-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs in with e-mail and password, case-insensitively for the e-mail', async () => {
    const { input } = await signUpVerified(t.app, t.ctx);
    const browser = new Browser(t.app);
    const response = await browser.post('/api/sessions', { email: input.email.toUpperCase(), password: input.password });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.email).toBe(input.email);
    expect((await browser.get('/api/session')).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail with the same message', async () => {
    const { input } = await signUpVerified(t.app, t.ctx);
    const wrongPassword = await new Browser(t.app, '198.51.100.1').post('/api/sessions', { email: input.email, password: 'wrong password 1' });
    const unknown = await new Browser(t.app, '198.51.100.2').post('/api/sessions', { email: 'nobody@example.com', password: 'wrong password 1' });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.json().detail).toBe(unknown.json().detail);
  });

  it('locks an account after 5 failures in 15 minutes, even for the right password, then lets it in again', async () => {
    const { input } = await signUpVerified(t.app, t.ctx);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const attacker = new Browser(t.app, `192.0.2.${i + 1}`);
      statuses.push((await attacker.post('/api/sessions', { email: input.email, password: `guess number ${i}` })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const owner = new Browser(t.app, '203.0.113.99');
    const locked = await owner.post('/api/sessions', { email: input.email, password: input.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().detail).toMatch(/locked/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    t.clock.advance(15 * 60_000 + 1000);
    expect((await owner.post('/api/sessions', { email: input.email, password: input.password })).statusCode).toBe(200);
  });

  it('locks an address that fails 5 times across different accounts', async () => {
    const victim = await signUpVerified(t.app, t.ctx);
    const attacker = new Browser(t.app, '198.51.100.77');
    for (let i = 0; i < 5; i++) {
      await attacker.post('/api/sessions', { email: `someone${i}@example.com`, password: 'guess guess 1' });
    }
    const blocked = await attacker.post('/api/sessions', { email: victim.input.email, password: victim.input.password });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await new Browser(t.app, '198.51.100.78').post('/api/sessions', { email: victim.input.email, password: victim.input.password });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('requires the CSRF header on unsafe requests authenticated by the cookie', async () => {
    const { browser } = await signUpVerified(t.app, t.ctx);
    const refused = await browser.delete('/api/sessions/current', { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().title).toBe('CSRF check failed');
    expect((await browser.get('/api/session')).statusCode).toBe(200);

    const forged = await browser.request({ method: 'DELETE', url: '/api/sessions/current', headers: { 'x-csrf-token': 'forged' }, csrf: false });
    expect(forged.statusCode).toBe(403);
  });

  it('signs out: the session no longer works', async () => {
    const { browser } = await signUpVerified(t.app, t.ctx);
    const cookieBefore = (await browser.get('/api/session')).statusCode;
    expect(cookieBefore).toBe(200);
    expect((await browser.delete('/api/sessions/current')).statusCode).toBe(204);
    expect((await browser.get('/api/session')).statusCode).toBe(401);
    expect((await browser.get('/api/account')).statusCode).toBe(401);
  });

  it('expires a session that is left idle, and slides the expiry for an active one', async () => {
    const { browser } = await signUpVerified(t.app, t.ctx);
    t.clock.advance(11 * 3600_000);
    expect((await browser.get('/api/session')).statusCode).toBe(200);
    t.clock.advance(11 * 3600_000);
    expect((await browser.get('/api/session')).statusCode).toBe(200);
    t.clock.advance(12 * 3600_000 + 1000);
    expect((await browser.get('/api/session')).statusCode).toBe(401);
  });

  it('refuses console endpoints without a session', async () => {
    const response = await new Browser(t.app).get('/api/account');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
