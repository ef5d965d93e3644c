import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { configSchema } from '../config.js';
import { openTestDatabase } from '../testing/test-database.js';

describe('the built SPA as the server sends it', () => {
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let drop: () => Promise<void>;
  const dist = mkdtempSync(join(tmpdir(), 'sb-dist-'));
  const script = 'console.log("switchboard");'.repeat(100);

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), script);
    writeFileSync(join(dist, 'assets', 'app-1234.js.br'), brotliCompressSync(script));
    writeFileSync(join(dist, 'assets', 'app-1234.js.gz'), gzipSync(script));
    writeFileSync(join(dist, 'assets', 'app-1234.js.map'), '{"version":3,"sources":["secret-source.ts"]}');
    const test = await openTestDatabase();
    drop = async () => {
      await test.database.close();
      await test.drop();
    };
    const config = configSchema.parse({ NODE_ENV: 'test', DATABASE_URL: test.url });
    ({ app } = await buildApp({ config, database: test.database, staticRoot: dist, logger: false }));
  });
  afterAll(async () => {
    await app.close();
    await drop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends the brotli copy to a client that accepts it, else gzip, else the plain file', async () => {
    const brotli = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toContain('accept-encoding');
    expect(brotli.rawPayload).toEqual(brotliCompressSync(script));

    const gzip = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');

    const plain = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('caches hashed assets for a year as immutable, and revalidates index.html', async () => {
    const asset = await app.inject('/assets/app-1234.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await app.inject('/subaccounts');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('never sends a source map', async () => {
    const map = await app.inject('/assets/app-1234.js.map');
    expect(map.body).not.toContain('secret-source.ts');
    expect(map.body).toContain('<div id="root">');
  });
});
