import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-database.js';
import { inTransaction } from './database.js';

describe.skipIf(process.env.TEST_DIALECT !== 'postgres')('a PostgreSQL connection cut inside a transaction', () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  let admin: pg.Client;

  beforeAll(async () => {
    test = await openTestDatabase();
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await test.drop();
  });

  it('fails that transaction alone: no uncaught error event, and the pool serves the next query', async () => {
    const attempt = inTransaction(test.database, async (tx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
      await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
      // The cut arrives while the transaction holds its connection between two queries.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`select 1`.execute(tx);
    });
    await expect(attempt).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(test.database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
