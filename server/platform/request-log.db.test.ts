import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../testing/basic-auth.js';
import { signUpVerified } from '../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.js';

describe('the request log', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      config: { NODE_ENV: 'development', LOG_LEVEL: 'info', PUBLIC_URL: 'https://console.example.com' },
      logStream: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(() => t.close());

  it('never carries a reset token or an API secret, however the URL encodes it', async () => {
    const { input, apiKey, apiSecret } = await signUpVerified(t.app, t.ctx);
    await new Browser(t.app).post('/api/password-resets', { email: input.email });
    await t.jobs.runDue();
    await t.jobs.runDue();
    const [mail] = await t.ctx.outbox.list({ recipient: input.email, limit: 1 });
    const link = new URL(/https:\/\/console\.example\.com\/\S+/.exec(mail.body)![0]);
    const token = /[\w-]{40,}/.exec(link.href)![0];

    // What a browser sends for the link: everything but the fragment.
    await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    const confirmed = await new Browser(t.app).post('/api/password-resets/confirm', { token, password: 'brand new secret 7' });
    expect(confirmed.statusCode).toBe(204);

    const secret = encodeURIComponent(apiSecret);
    for (const query of [`api_key=${apiKey}&api_secret=${secret}`, `api_key=${apiKey}&api%5Fsecret=${secret}`, `api%5Fkey=${apiKey}&%61pi_secret=${secret}`]) {
      const balance = await t.app.inject({ method: 'GET', url: `/account/get-balance?${query}` });
      expect(balance.statusCode, query).toBe(200);
    }
    const withHeader = await t.app.inject({ method: 'GET', url: '/account/get-balance', headers: { authorization: basic(apiKey, apiSecret) } });
    expect(withHeader.statusCode).toBe(200);

    const log = lines.join('');
    expect(log).toContain('/account/get-balance');
    expect(log).toContain(apiKey);
    expect(log).not.toContain(token);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(apiSecret);
  });
});
