import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type Compilable, type OperationNodeSource } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import { openSqliteGroupCommit, type SqliteGroupCommit } from './sqlite-group-commit.js';
import type { Account, Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
declare const transactionBrand: unique symbol;
/**
 * A connection inside a transaction, handed out only by `inTransaction`: domain functions that must
 * run in one take a Tx, and the type system refuses the pool (a Db) in its place.
 */
export type Tx = Kysely<Database> & { readonly [transactionBrand]: true };

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL: the schema the tables live in (the URL's `schema`, else public). */
  schema?: string;
  /** PostgreSQL: told when an idle connection is cut (a restart, a failover); the next query opens a new one. */
  onConnectionLost(listener: (error: Error) => void): void;
  /**
   * Settles once every commit made so far is on disk. SQLite syncs a group's WAL off the main thread
   * and its reader may already see a commit whose sync is under way: a response waits for this. On
   * PostgreSQL a commit is durable before anyone can see it: at once.
   */
  durable(): Promise<void>;
  close(): Promise<void>;
}

// BIGINT (int8) and COUNT(*) come back from pg as strings; our money fits in a safe integer.
pg.types.setTypeParser(20, (value: string) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`integer out of safe range: ${value}`);
  return parsed;
});

/** SQLite handles run their transactions through group commit (sqlite-group-commit.ts). */
const sqliteTransactions = new WeakMap<Db, SqliteGroupCommit['inTransaction']>();

export async function openDatabase(url: string): Promise<DatabaseHandle> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url}")`);
}

function openSqlite(path: string): DatabaseHandle {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = openSqliteGroupCommit(file);
  sqliteTransactions.set(sqlite.db, sqlite.inTransaction);
  return { db: sqlite.db, dialect: 'sqlite', onConnectionLost: () => undefined, durable: sqlite.durable, close: sqlite.close };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const connectionString = parsed.toString();
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query(`create schema if not exists ${schema}`);
    await client.end();
  }
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // pg emits an idle connection's error on the pool and drops the connection; unheard, the error would end the process.
  let connectionLost: (error: Error) => void = () => undefined;
  pool.on('error', (error) => connectionLost(error));
  pool.on('connect', (client) => {
    reusePreparedStatements(client);
    // A connection cut while a transaction holds it between two queries emits its error on the client
    // itself. Its next query fails (answered 503) and the pool discards it on release; the event only
    // needs a listener so that it does not end the process.
    client.on('error', () => undefined);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    schema: schema ?? 'public',
    onConnectionLost: (listener) => {
      connectionLost = listener;
    },
    durable: () => Promise.resolve(),
    close: () => db.destroy(),
  };
}

/**
 * Kysely sends every parameterised query unnamed, so PostgreSQL parses and plans it each time. Naming
 * each statement by its SQL text lets a connection prepare it once and then only bind and execute.
 */
function reusePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      return query({ name: `s_${createHash('sha1').update(text).digest('hex')}`, text, values }, ...rest);
    }
    return query(text, values, ...rest);
  };
}

export async function migrate(handle: DatabaseHandle): Promise<void> {
  // Kysely looks for its own tables in every schema unless told which one is ours.
  // Features are built side by side, each with its own migration numbers: a database that already ran a
  // later-numbered one still runs an earlier one that arrived after it (each touches only its own tables).
  const migrator = new Migrator({ db: handle.db, provider: migrationProvider(handle.dialect), migrationTableSchema: handle.schema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

const retryableStates = new Set(['40001', '40P01']);

/**
 * Runs work in one transaction. On SQLite it is a member of a group commit: it holds the write lock
 * (BEGIN IMMEDIATE), so a read-then-write never deadlocks with another process, and it settles only
 * after its group is on disk. PostgreSQL retries serialization failures.
 */
export async function inTransaction<T>(handle: DatabaseHandle, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (handle.dialect === 'sqlite') {
    const run = sqliteTransactions.get(handle.db);
    if (!run) throw new Error('this SQLite handle was not opened by openDatabase');
    return run((tx) => work(tx as Tx));
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.db.transaction().execute((tx) => work(tx as unknown as Tx));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !retryableStates.has(code) || attempt >= 5) throw error;
    }
  }
}

export async function pingDatabase(handle: DatabaseHandle): Promise<void> {
  await sql`select 1`.execute(handle.db);
}

/**
 * Locks rows of one family's accounts for the rest of the transaction, in key order so that two
 * transactions over the same accounts never deadlock. The family is part of the locking query and
 * PostgreSQL locks only the rows that pass its WHERE clause, so a key of another family is never
 * locked: no money query touches two families (DESIGN §3 Scale). Callers still check that the keys
 * they need are the family's. SQLite needs nothing: BEGIN IMMEDIATE already serialises writers.
 */
export async function lockFamilyAccounts(tx: Tx, dialect: Dialect, primaryApiKey: string, apiKeys: string[]): Promise<void> {
  if (dialect === 'sqlite' || apiKeys.length === 0) return;
  await familyRows(tx, primaryApiKey, apiKeys).select('api_key').forUpdate().execute();
}

/**
 * Locks rows of one family's accounts as lockFamilyAccounts does and returns them, in key order:
 * the rows as they stay until the transaction ends, read by the locking statement itself (on SQLite,
 * where the write lock is already held, a plain read). Keys outside the family are absent.
 */
export function readLockedFamilyAccounts(tx: Tx, dialect: Dialect, primaryApiKey: string, apiKeys: string[]): Promise<Account[]> {
  const query = familyRows(tx, primaryApiKey, apiKeys).selectAll();
  return (dialect === 'postgres' ? query.forUpdate() : query).execute();
}

const familyRows = (tx: Tx, primaryApiKey: string, apiKeys: string[]) =>
  tx
    .selectFrom('accounts')
    .where('primary_api_key', '=', primaryApiKey)
    .where('api_key', 'in', [...new Set(apiKeys)].sort())
    .orderBy('api_key');

/**
 * One guarded change and the rows that go with it (ledger entries, the transfer, its activity entry),
 * in the caller's transaction. On PostgreSQL they are one statement — each a data-modifying CTE — so
 * a movement holds its row locks for one round trip instead of one per row written; on SQLite, where a
 * statement costs no round trip, they run one after another. Answers the rows the guarded change
 * returned: the caller checks them and throws (rolling everything back) when the guard held anything
 * back. The inserts must not depend on each other's results: in one statement they all see the same
 * snapshot.
 */
export async function writeTogether<Row>(
  tx: Tx,
  dialect: Dialect,
  guarded: Compilable<Row> & OperationNodeSource,
  alongside: (Compilable & OperationNodeSource)[],
): Promise<Row[]> {
  if (dialect === 'sqlite') {
    const { rows } = await tx.executeQuery(guarded.compile());
    for (const write of alongside) await tx.executeQuery(write.compile());
    return rows;
  }
  const ctes = [sql`guarded as (${guarded})`, ...alongside.map((write, i) => sql`${sql.id(`write_${i}`)} as (${write})`)];
  const { rows } = await sql<Row>`with ${sql.join(ctes)} select * from guarded`.execute(tx);
  return rows;
}

const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'SQLITE_BUSY']);

/**
 * The database could not be reached or dropped the connection (server restarting, failover, too many
 * connections): nothing the client did, and worth retrying shortly.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  if (code && (unavailableCodes.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300')) return true;
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(message ?? '');
}

/** PostgreSQL refuses text holding a NUL character (22021), which a client can send percent-encoded or as \u0000. */
export function isInvalidText(error: unknown): boolean {
  return (error as { code?: string }).code === '22021';
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
