import SQLite from 'better-sqlite3';
import pg from 'pg';
import { rate } from './harness.js';

/**
 * The raw engines doing the smallest durable transfer: two guarded updates and one insert, nothing
 * else. Every product figure is divided by one of these, measured in the same run.
 */
export const rawSchema = {
  sqlite: [
    'create table if not exists raw_accounts (id integer primary key, balance integer not null, credit_limit integer not null)',
    'create table if not exists raw_transfers (id integer primary key autoincrement, from_id integer not null, to_id integer not null, amount integer not null, created_at text not null)',
  ],
  postgres: [
    'create table if not exists raw_accounts (id integer primary key, balance bigint not null, credit_limit bigint not null)',
    'create table if not exists raw_transfers (id bigserial primary key, from_id integer not null, to_id integer not null, amount bigint not null, created_at text not null)',
  ],
};

export const rawStatements = {
  debit: 'update raw_accounts set balance = balance - $1 where id = $2 and balance - $1 >= credit_limit',
  credit: 'update raw_accounts set balance = balance + $1 where id = $2',
  record: 'insert into raw_transfers (from_id, to_id, amount, created_at) values ($1, $2, $3, $4)',
};

/** `families` pairs of accounts (2n, 2n+1) with ample credit. */
export function seedRows(families: number): string {
  const values = Array.from({ length: families * 2 }, (_, id) => `(${id}, 0, -1000000000000)`).join(',');
  return `insert into raw_accounts (id, balance, credit_limit) values ${values}`;
}

/** better-sqlite3 in WAL with synchronous=FULL, one transaction after another: the disk's durable rate. */
export function openRawSqlite(path: string) {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const statement of rawSchema.sqlite) db.exec(statement);
  db.exec(seedRows(1000));
  // better-sqlite3 binds numbered parameters from an object keyed by number.
  const bind = (...values: unknown[]) => Object.fromEntries(values.map((value, i) => [i + 1, value]));
  const debit = db.prepare(rawStatements.debit.replace(/\$/g, '?'));
  const credit = db.prepare(rawStatements.credit.replace(/\$/g, '?'));
  const record = db.prepare(rawStatements.record.replace(/\$/g, '?'));
  const move = db
    .transaction((from: number, to: number, amount: number) => {
      if (debit.run(bind(amount, from)).changes !== 1) throw new Error('insufficient funds');
      credit.run(bind(amount, to));
      record.run(bind(from, to, amount, new Date().toISOString()));
    })
    .immediate.bind(null);
  return { move, close: () => db.close() };
}

export function rawSqliteRate(path: string, durationMs = 2000): number {
  const raw = openRawSqlite(path);
  try {
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < durationMs) {
      raw.move(0, 1, 1);
      count++;
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    raw.close();
  }
}

/** One durable transfer over a pg client: begin, two updates, one insert, commit (five round trips). */
export async function rawPgTransfer(client: pg.ClientBase, from: number, to: number, amount: number): Promise<void> {
  await client.query('begin');
  try {
    const debited = await client.query({ name: 'raw_debit', text: rawStatements.debit, values: [amount, from] });
    if (debited.rowCount !== 1) throw new Error('insufficient funds');
    await client.query({ name: 'raw_credit', text: rawStatements.credit, values: [amount, to] });
    await client.query({ name: 'raw_record', text: rawStatements.record, values: [from, to, amount, new Date().toISOString()] });
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

export async function seedRawPostgres(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
    for (const statement of rawSchema.postgres) await client.query(statement);
    await client.query('truncate raw_accounts, raw_transfers');
    await client.query(seedRows(1000));
  } finally {
    await client.end();
  }
}

/** One connection, one transaction after another. */
export async function rawPgOneConnection(connectionString: string, schema: string, count = 1500): Promise<number> {
  const client = new pg.Client({ connectionString, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await rate(count, 1, (i) => rawPgTransfer(client, 2 * (i % 1000), 2 * (i % 1000) + 1, 1));
  } finally {
    await client.end();
  }
}

/** A pool of `connections`: uniform over 1 000 families, or every transfer on one hot pair. */
export async function rawPgPool(connectionString: string, schema: string, hot: boolean, connections: number, count = 3000): Promise<number> {
  const pool = new pg.Pool({ connectionString, max: connections, options: `-c search_path=${schema}` });
  try {
    return await rate(count, connections, async (i) => {
      const family = hot ? 0 : Math.floor(Math.random() * 1000);
      const client = await pool.connect();
      try {
        await rawPgTransfer(client, 2 * family, 2 * family + 1, 1 + (i % 2));
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.end();
  }
}
