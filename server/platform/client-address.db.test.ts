import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const failedSignIn = (t: TestApp, remoteAddress: string, forwardedFor: string, n: number) =>
  t.app.inject({
    method: 'POST',
    url: '/api/sessions',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: `someone${n}@example.com`, password: 'guess guess 1' },
  });

describe('the client address behind per-address limits', () => {
  describe('by default (TRUST_PROXY unset)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('ignores X-Forwarded-For: rotating it does not get round the sign-in lock', async () => {
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await failedSignIn(t, '198.51.100.20', `192.0.2.${i + 1}`, i)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
    });
  });

  describe('behind a configured proxy (TRUST_PROXY=127.0.0.1)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ config: { TRUST_PROXY: '127.0.0.1' } });
    });
    afterAll(() => t.close());

    it('takes the address the proxy forwards, and only from the proxy', async () => {
      for (let i = 0; i < 5; i++) await failedSignIn(t, '127.0.0.1', '192.0.2.50', i);
      expect((await failedSignIn(t, '127.0.0.1', '192.0.2.50', 9)).statusCode).toBe(429);
      expect((await failedSignIn(t, '127.0.0.1', '192.0.2.51', 9)).statusCode).toBe(401);

      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await failedSignIn(t, '198.51.100.30', `192.0.2.${i + 60}`, i)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    });
  });
});
