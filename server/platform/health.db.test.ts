import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { configSchema } from '../config.js';
import { openTestDatabase } from '../testing/test-database.js';

describe('the health check', () => {
  it('answers only "unavailable" when the database is down, and logs why', async () => {
    const lines: string[] = [];
    const test = await openTestDatabase();
    const config = configSchema.parse({ NODE_ENV: 'development', LOG_LEVEL: 'info', DATABASE_URL: test.url });
    const { app } = await buildApp({ config, database: test.database, staticRoot: null, logStream: { write: (line: string) => void lines.push(line) } });
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok', database: 'ok' });

    await test.drop();
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable' });
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; err?: { message: string } }).find((line) => line.msg === 'database health check failed');
    expect(logged?.err?.message).toMatch(/destroy|closed|not open|terminated/i);
    await app.close();
  });
});
