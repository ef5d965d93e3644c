import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { configSchema } from '../config.js';
import { openTestDatabase } from '../testing/test-database.js';

describe('the server around the features', () => {
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  const dist = mkdtempSync(join(tmpdir(), 'sb-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Switchboard</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    const test = await openTestDatabase();
    drop = test.drop;
    close = () => test.database.close();
    const config = configSchema.parse({ NODE_ENV: 'test', DATABASE_URL: test.url });
    ({ app } = await buildApp({ config, database: test.database, staticRoot: dist, logger: false }));
  });
  afterAll(async () => {
    await app.close();
    await drop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers the health check', async () => {
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('serves the SPA for deep links and its assets with long caching', async () => {
    const deepLink = await app.inject({ url: '/subaccounts/abcd1234?tab=transfers', headers: { accept: 'text/html' } });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('<div id="root">');
    const asset = await app.inject('/assets/app-1234.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers unknown API paths with a problem, not the SPA', async () => {
    const response = await app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ title: 'Not found', detail: 'No route for GET /api/nothing-here' });
  });

  it('does not let a path escape the build folder', async () => {
    const response = await app.inject('/..%2f..%2fetc%2fpasswd');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
    expect(response.body).not.toContain('root:');
  });

  it('sends security headers', async () => {
    const response = await app.inject('/');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('publishes an OpenAPI document generated from the contract', async () => {
    const response = await app.inject('/openapi.json');
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths['/api/signups'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('pin_channel');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/sessions', '/api/account']));
  });

  it('refuses malformed JSON as a client error', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/sessions', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('reports 503 when the database is down', async () => {
    await close();
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(503);
    expect(response.json().status).toBe('unavailable');
  });
});

describe('production mode', () => {
  it('has no outbox route', async () => {
    const test = await openTestDatabase();
    const config = configSchema.parse({ NODE_ENV: 'production', DATABASE_URL: test.url });
    const { app } = await buildApp({ config, database: test.database, staticRoot: null, logger: false });
    const response = await app.inject('/dev/outbox');
    expect(response.statusCode).toBe(404);
    await app.close();
    await test.drop();
  });
});
