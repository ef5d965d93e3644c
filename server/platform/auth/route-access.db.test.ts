import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { installAccessControl } from './access.js';

describe('route access declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every registered route declares who may call it, and only the open pages are open', () => {
    const routes = t.app.declaredRoutes;
    expect(routes.length).toBeGreaterThan(10);
    const open = routes.filter((route) => route.access.auth === 'none' && route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`);
    expect(open.sort()).toEqual(
      [
        'GET /dev/clock',
        'GET /dev/outbox',
        'POST /dev/clock',
        'GET /healthz',
        'GET /openapi.json',
        'GET /api/signups/:signupId',
        'POST /api/password-resets',
        'POST /api/password-resets/confirm',
        'POST /api/sessions',
        'POST /api/signups',
        'POST /api/signups/:signupId/resend',
        'POST /api/signups/:signupId/verify',
      ].sort(),
    );
  });

  it('refuses to register a route without an access declaration', async () => {
    const app = Fastify();
    installAccessControl(app, {
      sessions: t.ctx.sessions,
      verifyApiCredentials: async () => ({ ok: false, reason: 'bad_credentials' }),
      secureCookies: false,
    });
    expect(() => app.get('/open', async () => 'hi')).toThrow(/declares no access/);
    await app.close();
  });
});
