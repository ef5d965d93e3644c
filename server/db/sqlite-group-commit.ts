import { closeSync, fdatasync, fsync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Database } from './schema.js';

/**
 * SQLite with group commit. One writer connection runs every write: each transaction (and each lone
 * write statement) is a member of a group that shares one SQLite transaction, inside a savepoint of
 * its own. A member that fails is rolled back to its savepoint without touching the others; the group
 * commits, its WAL is synced, and only then does any member learn its outcome, so no response ever
 * reports a write that is not on disk. Reads outside a transaction go to a second, read-only
 * connection, which sees committed data only and never waits for the writer (WAL).
 *
 * The sync is the one `synchronous=FULL` makes at each commit in WAL mode (an fdatasync of the WAL),
 * made by us off the main thread instead of by SQLite on it: the writer runs with
 * `synchronous=NORMAL` (SQLite still syncs around its checkpoints) and WalSync syncs the WAL after
 * every commit, in libuv's thread pool. While the disk works, the next group's requests run. Nobody is
 * answered about a group before its sync succeeded; a read outside a transaction may see a commit
 * whose sync is under way, so the server waits for `durable()` before it sends any response.
 */
export interface SqliteGroupCommit {
  /** For everything outside a transaction: reads on the reader, writes as one-statement members. */
  db: Kysely<Database>;
  /** Runs `work` as a member of the next group; settles after that group's commit. */
  inTransaction<T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Settles once every commit made so far is on disk. A read outside a transaction may see a commit
   * whose sync is still under way: whoever answers with what it read waits for this first.
   */
  durable(): Promise<void>;
  close(): Promise<void>;
}

/** The most members one group takes before it commits; bounds a response's wait for the sync. */
const MAX_GROUP = 256;
const transactionControl = /^\s*(begin|commit|end|rollback|savepoint|release)\b/i;

export interface GroupCommitOptions {
  /** How the WAL reaches the disk (fdatasync in the thread pool); tests hold or fail it. */
  syncWal?: (fd: number) => Promise<void>;
}

export function openSqliteGroupCommit(file: string, options: GroupCommitOptions = {}): SqliteGroupCommit {
  if (file === ':memory:') throw new Error('SQLite needs a file: its reads go through a second connection');
  const writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = NORMAL');
  writer.pragma('busy_timeout = 5000');
  writer.pragma('foreign_keys = ON');
  const reader = new SQLite(file);
  reader.pragma('busy_timeout = 5000');
  reader.pragma('query_only = ON');
  const writerStatements = statementCache(writer);
  const readerStatements = statementCache(reader);
  const walSync = new WalSync(`${file}-wal`, options.syncWal ?? syncData);
  const group = new GroupCommitter(writer, walSync);

  const execute = (statements: StatementCache, query: CompiledQuery) => runStatement(statements(query.sql), query.parameters);
  // Members run one at a time (the committer waits for each), so they share the writer without a lock.
  const tx = new Kysely<Database>({ dialect: dialectOf({ executeQuery: async (query) => execute(writerStatements, query) }) });
  const db = new Kysely<Database>({
    dialect: dialectOf({
      async executeQuery(query) {
        if (transactionControl.test(query.sql)) throw new Error('SQLite transactions are opened by inTransaction only');
        const statement = readerStatements(query.sql);
        if (statement.readonly) return runStatement(statement, query.parameters);
        return group.run(async () => execute(writerStatements, query));
      },
    }),
  });

  return {
    db,
    inTransaction: (work) => group.run(() => work(tx)),
    durable: () => walSync.durable(),
    close: async () => {
      await group.idle();
      await walSync.durable().catch(() => undefined);
      walSync.close();
      reader.close();
      writer.close();
    },
  };
}

interface Member {
  work: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

class GroupCommitter {
  #queue: Member[] = [];
  #draining: Promise<void> | null = null;

  constructor(
    private readonly writer: SQLite.Database,
    private readonly walSync: WalSync,
  ) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // #drain always awaits a member before it can finish, so it is assigned before it clears itself.
      this.#draining ??= this.#drain();
    });
  }

  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#commitGroup();
    } finally {
      // In the same step as the empty-queue check: a member queued from now on starts a new drain.
      this.#draining = null;
    }
  }

  async #commitGroup(): Promise<void> {
    // Requests already on the wire get one turn of the event loop to join before the write lock is
    // taken; the lock is never held across a turn of our own making (another connection would wait).
    await new Promise((resolve) => setImmediate(resolve));
    const members = this.#queue.splice(0, MAX_GROUP);
    if (this.walSync.failure) {
      for (const member of members) member.reject(this.walSync.failure);
      return;
    }
    const outcomes: { member: Member; ok: boolean; value: unknown }[] = [];
    try {
      this.writer.exec('begin immediate');
      for (const member of members) {
        this.writer.exec('savepoint member');
        try {
          const value = await member.work();
          this.writer.exec('release member');
          outcomes.push({ member, ok: true, value });
        } catch (error) {
          // Some errors (disk full, I/O) end the whole transaction: then the group is lost.
          if (!this.writer.inTransaction) throw error;
          this.writer.exec('rollback to member');
          this.writer.exec('release member');
          outcomes.push({ member, ok: false, value: error });
        }
      }
      this.writer.exec('commit');
    } catch (error) {
      if (this.writer.inTransaction) this.writer.exec('rollback');
      for (const member of members) if (!outcomes.some((outcome) => outcome.member === member)) member.reject(error);
      for (const { member } of outcomes) member.reject(error);
      return;
    }
    // Not awaited: the next group runs while this one's WAL reaches the disk.
    this.walSync.synced().then(
      () => {
        for (const { member, ok, value } of outcomes) {
          if (ok) member.resolve(value);
          else member.reject(value);
        }
      },
      (error: unknown) => {
        for (const { member } of outcomes) member.reject(error);
      },
    );
  }
}

const syncData = promisify(fdatasync);
const syncAll = promisify(fsync);

/**
 * Syncs the WAL in the thread pool. Each `synced()` resolves after an fdatasync that began after the
 * call — so it covers every commit made before it — sharing one sync among the calls made while
 * another was running. A failed sync fails every later call too: after a failed fdatasync the kernel
 * may have dropped the pages, and a later success would prove nothing (restart the process).
 */
class WalSync {
  #fd: number | null = null;
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  #failed: unknown = null;

  constructor(
    private readonly path: string,
    private readonly syncWal: (fd: number) => Promise<void>,
  ) {}

  /** The error of a failed sync: from then on nothing is written or answered. */
  get failure(): unknown {
    return this.#failed;
  }

  synced(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed as Error);
    if (!this.#running) return this.#start();
    // The running sync may have begun before the caller's commit: one more after it covers that commit
    // and every other made meanwhile.
    this.#queued ??= this.#running.then(
      () => {
        this.#queued = null;
        return this.#start();
      },
      (error: unknown) => {
        this.#queued = null;
        throw error;
      },
    );
    return this.#queued;
  }

  /** Settles once every commit made so far is on disk (at once when no sync is under way). */
  durable(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed as Error);
    return this.#queued ?? this.#running ?? Promise.resolve();
  }

  #start(): Promise<void> {
    const running = this.#sync().finally(() => {
      if (this.#running === running) this.#running = null;
    });
    this.#running = running;
    return running;
  }

  async #sync(): Promise<void> {
    try {
      if (this.#fd === null) {
        // The WAL file lives as long as a connection is open (ours is); its directory entry is synced once.
        this.#fd = openSync(this.path, 'r');
        const directory = openSync(dirname(this.path), 'r');
        try {
          await syncAll(directory);
        } finally {
          closeSync(directory);
        }
      }
      await this.syncWal(this.#fd);
    } catch (error) {
      this.#failed = error;
      throw error;
    }
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}

type StatementCache = (sqlText: string) => SQLite.Statement;

/** Prepared statements kept per connection by SQL text (a bounded, least-recently-used set). */
function statementCache(connection: SQLite.Database, limit = 500): StatementCache {
  const statements = new Map<string, SQLite.Statement>();
  return (sqlText) => {
    let statement = statements.get(sqlText);
    if (statement) {
      statements.delete(sqlText);
    } else {
      statement = connection.prepare(sqlText);
      if (statements.size >= limit) statements.delete(statements.keys().next().value as string);
    }
    statements.set(sqlText, statement);
    return statement;
  };
}

function runStatement(statement: SQLite.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** A Kysely dialect over one `executeQuery`: no pool, no lock, no Kysely-managed transactions. */
function dialectOf({ executeQuery }: { executeQuery(query: CompiledQuery): Promise<QueryResult<unknown>> }) {
  const connection = {
    executeQuery,
    streamQuery: () => {
      throw new Error('streaming is not supported');
    },
  } as DatabaseConnection;
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {
      throw new Error('SQLite transactions are opened by inTransaction only');
    },
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
