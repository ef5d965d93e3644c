import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('password reset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { PUBLIC_URL: 'https://console.example.com' } });
  });
  afterAll(() => t.close());

  async function resetLink(email: string): Promise<string> {
    await t.jobs.runDue();
    const [mail] = await t.ctx.outbox.list({ recipient: email, limit: 1 });
    const token = mail?.body.match(/https:\/\/console\.example\.com\/reset-password\/confirm#token=([\w-]+)/)?.[1];
    if (!token) throw new Error('no reset link in the outbox');
    return token;
  }

  it('answers the same whether or not the e-mail has an account', async () => {
    const { input } = await signUpVerified(t.app, t.ctx);
    const known = await new Browser(t.app).post('/api/password-resets', { email: input.email });
    const unknown = await new Browser(t.app).post('/api/password-resets', { email: 'nobody@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    await t.jobs.runDue();
    expect(await t.ctx.outbox.list({ recipient: 'nobody@example.com' })).toHaveLength(0);
    expect(await t.ctx.outbox.list({ recipient: input.email })).toHaveLength(1);
  });

  it('sets a new password once, ends every session, and the link cannot be reused', async () => {
    const { input, browser: oldSession } = await signUpVerified(t.app, t.ctx);
    await new Browser(t.app).post('/api/password-resets', { email: input.email });
    const token = await resetLink(input.email);
    const hashed = await t.ctx.db.selectFrom('password_resets').select('token_hash').execute();
    expect(hashed.some((row) => row.token_hash === token)).toBe(false);

    const confirmed = await new Browser(t.app).post('/api/password-resets/confirm', { token, password: 'brand new secret 7' });
    expect(confirmed.statusCode).toBe(204);
    expect((await oldSession.get('/api/session')).statusCode).toBe(401);

    const reused = await new Browser(t.app).post('/api/password-resets/confirm', { token, password: 'another secret 8' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().invalid_parameters).toEqual([{ name: 'token', reason: expect.stringMatching(/expired or was already used/) }]);

    expect((await new Browser(t.app).post('/api/sessions', { email: input.email, password: input.password })).statusCode).toBe(401);
    expect((await new Browser(t.app).post('/api/sessions', { email: input.email, password: 'brand new secret 7' })).statusCode).toBe(200);
  });

  it('voids every other open link of the user when one is used', async () => {
    const { input } = await signUpVerified(t.app, t.ctx);
    await new Browser(t.app, '192.0.2.71').post('/api/password-resets', { email: input.email });
    const first = await resetLink(input.email);
    await new Browser(t.app, '192.0.2.71').post('/api/password-resets', { email: input.email });
    const second = await resetLink(input.email);
    expect(second).not.toBe(first);

    expect((await new Browser(t.app).post('/api/password-resets/confirm', { token: second, password: 'brand new secret 7' })).statusCode).toBe(204);
    const old = await new Browser(t.app).post('/api/password-resets/confirm', { token: first, password: 'attacker secret 8' });
    expect(old.statusCode).toBe(422);
    expect((await new Browser(t.app).post('/api/sessions', { email: input.email, password: 'brand new secret 7' })).statusCode).toBe(200);
  });

  it('limits reset requests per e-mail and per address, whether or not the e-mail has an account', async () => {
    const { input } = await signUpVerified(t.app, t.ctx);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await new Browser(t.app, `192.0.2.${80 + i}`).post('/api/password-resets', { email: input.email })).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    await t.jobs.runDue();
    expect(await t.ctx.outbox.list({ recipient: input.email })).toHaveLength(3);

    const attacker = new Browser(t.app, '192.0.2.99');
    const fromOneAddress = [];
    for (let i = 0; i < 11; i++) fromOneAddress.push((await attacker.post('/api/password-resets', { email: `nobody${i}@example.com` })).statusCode);
    expect(fromOneAddress).toEqual([...Array(10).fill(202), 429]);

    t.clock.advance(60 * 60_000 + 1000);
    expect((await new Browser(t.app, '192.0.2.80').post('/api/password-resets', { email: input.email })).statusCode).toBe(202);
  });

  it('refuses a link older than 15 minutes', async () => {
    const { input } = await signUpVerified(t.app, t.ctx);
    await new Browser(t.app).post('/api/password-resets', { email: input.email });
    const token = await resetLink(input.email);
    t.clock.advance(15 * 60_000 + 1000);
    const response = await new Browser(t.app).post('/api/password-resets/confirm', { token, password: 'brand new secret 7' });
    expect(response.statusCode).toBe(422);
    expect((await new Browser(t.app).post('/api/sessions', { email: input.email, password: input.password })).statusCode).toBe(200);
  });

  it('checks the new password against the rules', async () => {
    const response = await new Browser(t.app).post('/api/password-resets/confirm', { token: 'x'.repeat(43), password: 'short' });
    expect(response.statusCode).toBe(422);
    expect(response.json().invalid_parameters[0].name).toBe('password');
  });
});
