import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, type DatabaseHandle } from '../db/database.js';

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or a schema of its own in
 * TEST_DATABASE_URL when TEST_DIALECT is postgres, so parallel runs never collide.
 */
export async function openTestDatabase(): Promise<{ database: DatabaseHandle; url: string; drop(): Promise<void> }> {
  if (process.env.TEST_DIALECT === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DIALECT=postgres needs TEST_DATABASE_URL');
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
    const database = await openDatabase(url);
    const drop = async () => {
      await database.close();
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    };
    await migrate(database).catch(async (error: unknown) => {
      await drop();
      throw error;
    });
    return { database, url, drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sb-test-'));
  const url = `sqlite:${join(dir, 'test.db')}`;
  const database = await openDatabase(url);
  await migrate(database);
  return {
    database,
    url,
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
