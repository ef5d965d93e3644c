import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { configSchema } from '../config.js';
import { ManualClock } from '../platform/clock.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { openTestDatabase } from '../testing/test-database.js';

describe('the development clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('moves the server clock forward and runs the jobs that fall due', async () => {
    const before = (await t.app.inject('/dev/clock')).json().now;
    expect(before).toBe('2026-01-15T09:00:00.000Z');
    const response = await t.app.inject({ method: 'POST', url: '/dev/clock', payload: { advance_seconds: 72 * 3600 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      now: '2026-01-18T09:00:00.000Z',
      runs: expect.arrayContaining([expect.objectContaining({ job: 'purge-expired', period: '2026-01-18T08:05:00.000Z', status: 'succeeded' })]),
    });
    expect(t.clock.now().toISOString()).toBe('2026-01-18T09:00:00.000Z');
  });

  it('puts the clock back to where it started', async () => {
    await t.app.inject({ method: 'POST', url: '/dev/clock', payload: { advance_seconds: 3600 } });
    const response = await t.app.inject({ method: 'DELETE', url: '/dev/clock' });
    expect(response.statusCode).toBe(200);
    expect(response.json().now).toBe('2026-01-15T09:00:00.000Z');
    expect(t.clock.now().toISOString()).toBe('2026-01-15T09:00:00.000Z');
  });

  it('refuses to move time backwards', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/dev/clock', payload: { advance_seconds: -60 } });
    expect(response.statusCode).toBe(422);
  });
});

describe('where the development tools are served', () => {
  async function devToolsStatus(env: Record<string, string>) {
    const test = await openTestDatabase();
    const config = configSchema.parse({ NODE_ENV: 'development', DATABASE_URL: test.url, ...env });
    const { app } = await buildApp({ config, database: test.database, clock: new ManualClock(), staticRoot: null, logger: false });
    const statuses = [(await app.inject('/dev/outbox')).statusCode, (await app.inject('/dev/clock')).statusCode, (await app.inject('/dev/inbound-sms')).statusCode];
    await app.close();
    await test.drop();
    return statuses;
  }

  it('serves them on a loopback listener (the default) in development', async () => {
    expect(await devToolsStatus({})).toEqual([200, 200, 200]);
    expect(await devToolsStatus({ HOST: '::1' })).toEqual([200, 200, 200]);
  });

  it('does not serve them on a network listener unless DEV_OUTBOX=on', async () => {
    expect(await devToolsStatus({ HOST: '0.0.0.0' })).toEqual([404, 404, 404]);
    expect(await devToolsStatus({ HOST: '192.168.1.20' })).toEqual([404, 404, 404]);
    expect(await devToolsStatus({ HOST: '0.0.0.0', DEV_OUTBOX: 'on' })).toEqual([200, 200, 200]);
    expect(await devToolsStatus({ DEV_OUTBOX: 'off' })).toEqual([404, 404, 404]);
  });

  it('never serves them in production', async () => {
    expect(await devToolsStatus({ NODE_ENV: 'production', PUBLIC_URL: 'https://console.example.com', MAIL_TRANSPORT: 'outbox' })).toEqual([404, 404, 404]);
  });
});
