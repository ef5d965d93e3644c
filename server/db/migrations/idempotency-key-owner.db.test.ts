import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { migrate, openDatabase, type DatabaseHandle } from '../database.js';
import { migrationProvider } from './index.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** An empty database of the dialect under test, migrated by the caller. */
async function emptyDatabase(): Promise<DatabaseHandle> {
  if (process.env.TEST_DIALECT === 'postgres') {
    const base = process.env.TEST_DATABASE_URL!;
    const schema = `m_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const database = await openDatabase(`${base}${base.includes('?') ? '&' : '?'}schema=${schema}`);
    cleanups.push(async () => {
      await database.close();
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    });
    return database;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sb-migration-'));
  const database = await openDatabase(`sqlite:${join(dir, 'test.db')}`);
  cleanups.push(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return database;
}

it('renames idempotency_keys.api_key to owner and writes every owner as the ledger names an actor', async () => {
  const database = await emptyDatabase();
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect), migrationTableSchema: database.schema });
  const before = await migrator.migrateTo('005-subaccount-list-indexes');
  expect(before.error).toBeUndefined();
  for (const owner of ['abcd1234', 'user:42', 'api_key:ef567890']) {
    await sql`insert into idempotency_keys (api_key, key, primary_api_key, request_hash, status_code, response_body, created_at)
      values (${owner}, 'k', 'abcd1234', 'h', 200, '{}', '2026-12-01T00:00:00.000Z')`.execute(database.db);
  }

  await migrate(database);

  const rows = await database.db.selectFrom('idempotency_keys').select('owner').orderBy('owner').execute();
  expect(rows.map((row) => row.owner)).toEqual(['api_key:abcd1234', 'api_key:ef567890', 'user:42']);
});
