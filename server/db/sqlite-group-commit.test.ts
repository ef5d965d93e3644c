import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteGroupCommit, type SqliteGroupCommit } from './sqlite-group-commit.js';

describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  let sqlite: SqliteGroupCommit;
  /** Another connection, as another process would see the file: committed data only. */
  let observer: SQLite.Database;
  const committed = (id: string) => observer.prepare('select count(*) as n from notes where id = ?').get(id) as { n: number };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-group-'));
    file = join(dir, 'group.db');
    sqlite = openSqliteGroupCommit(file);
    await sql`create table parents (id text primary key)`.execute(sqlite.db);
    await sql`create table notes (id text primary key, parent text references parents (id) deferrable initially deferred)`.execute(sqlite.db);
    await sql`insert into parents (id) values ('p')`.execute(sqlite.db);
    observer = new SQLite(file, { readonly: true });
  });
  afterEach(async () => {
    observer.close();
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('settles each transaction only once its group is on disk', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `n${i}`);
    const seenWhenSettled = await Promise.all(
      ids.map((id) =>
        sqlite
          .inTransaction(async (tx) => {
            await tx.insertInto('notes' as never).values({ id, parent: 'p' } as never).execute();
          })
          .then(() => committed(id).n),
      ),
    );
    expect(seenWhenSettled).toEqual(ids.map(() => 1));
  });

  it('commits concurrent transactions together: far fewer WAL commits than transactions', async () => {
    const walFrames = () => {
      const pageSize = observer.pragma('page_size', { simple: true }) as number;
      return Math.round((statSync(`${file}-wal`).size - 32) / (pageSize + 24));
    };
    const before = walFrames();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sqlite.inTransaction(async (tx) => {
          await tx.insertInto('notes' as never).values({ id: `g${i}`, parent: 'p' } as never).execute();
        }),
      ),
    );
    // One commit per transaction would append at least one page to the WAL for each of the 50.
    expect(walFrames() - before).toBeLessThan(10);
  });

  it('rolls a failed transaction back to its savepoint without touching the others in its group', async () => {
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((id) =>
        sqlite.inTransaction(async (tx) => {
          await tx.insertInto('notes' as never).values({ id, parent: 'p' } as never).execute();
          if (id === 'b') throw new Error('b changed its mind');
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([committed('a').n, committed('b').n, committed('c').n]).toEqual([1, 0, 1]);
  });

  it('fails every member when the commit fails, and keeps none of their writes', async () => {
    // A deferred foreign key is only checked at COMMIT: one bad member makes the group's sync fail.
    const results = await Promise.allSettled(
      [
        ['x', 'p'],
        ['y', 'missing'],
        ['z', 'p'],
      ].map(([id, parent]) =>
        sqlite.inTransaction(async (tx) => {
          await tx.insertInto('notes' as never).values({ id, parent } as never).execute();
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect([committed('x').n, committed('y').n, committed('z').n]).toEqual([0, 0, 0]);
    await sqlite.inTransaction(async (tx) => {
      await tx.insertInto('notes' as never).values({ id: 'after', parent: 'p' } as never).execute();
    });
    expect(committed('after').n).toBe(1);
  });

  it('reads committed data only, outside a transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = sqlite.inTransaction(async (tx) => {
      await tx.insertInto('notes' as never).values({ id: 'pending', parent: 'p' } as never).execute();
      await held;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const during = await sql<{ n: number }>`select count(*) as n from notes where id = 'pending'`.execute(sqlite.db);
    expect(during.rows[0].n).toBe(0);
    release();
    await writing;
    const after = await sql<{ n: number }>`select count(*) as n from notes where id = 'pending'`.execute(sqlite.db);
    expect(after.rows[0].n).toBe(1);
  });

  describe('the WAL sync, made off the main thread', () => {
    let held: SqliteGroupCommit;
    let heldDir: string;
    let releases: (() => void)[];
    let failNext: Error | null;
    beforeEach(async () => {
      heldDir = mkdtempSync(join(tmpdir(), 'sb-group-sync-'));
      releases = [];
      failNext = null;
      held = openSqliteGroupCommit(join(heldDir, 'held.db'), {
        syncWal: () =>
          new Promise<void>((resolve, reject) => {
            const error = failNext;
            releases.push(() => (error ? reject(error) : resolve()));
          }),
      });
      await releasing(sql`create table notes (id text primary key)`.execute(held.db));
    });
    afterEach(async () => {
      await releasing(held.close());
      rmSync(heldDir, { recursive: true, force: true });
    });
    /** Lets every sync go until `promise` settles. */
    const releasing = async <T>(promise: Promise<T>) => {
      let done = false;
      promise.then(
        () => (done = true),
        () => (done = true),
      );
      while (!done) {
        while (releases.length > 0) releases.shift()!();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return promise;
    };
    const settledYet = async (promise: Promise<unknown>) => {
      let settled = false;
      void promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      return settled;
    };

    it('answers a transaction only once the sync after its commit is done; a read sees it at once, durable() waits for the sync', async () => {
      const writing = held.inTransaction(async (tx) => {
        await tx.insertInto('notes' as never).values({ id: 'w' } as never).execute();
      });
      expect(await settledYet(writing)).toBe(false);
      expect(releases).toHaveLength(1);
      expect(await held.db.selectFrom('notes' as never).selectAll().execute()).toEqual([{ id: 'w' }]);
      const durable = held.durable();
      expect(await settledYet(durable)).toBe(false);
      releases.shift()!();
      await writing;
      await durable;
      // With nothing left to sync, durable() settles at once.
      expect(await settledYet(held.durable())).toBe(true);
    });

    it('runs the next group while a sync is under way, and syncs again for it', async () => {
      const first = held.inTransaction(async (tx) => tx.insertInto('notes' as never).values({ id: 'a' } as never).execute());
      await settledYet(first);
      const second = held.inTransaction(async (tx) => tx.insertInto('notes' as never).values({ id: 'b' } as never).execute());
      await settledYet(second);
      // b committed while a's sync ran; a's sync may not cover it: b waits for a sync of its own.
      expect(releases).toHaveLength(1);
      releases.shift()!();
      await first;
      expect(await settledYet(second)).toBe(false);
      expect(releases).toHaveLength(1);
      releases.shift()!();
      await second;
    });

    it('fails the group whose sync failed, then refuses every write, and durable() (so every response) fails', async () => {
      failNext = new Error('EIO');
      const writing = held.inTransaction(async (tx) => tx.insertInto('notes' as never).values({ id: 'lost' } as never).execute());
      await settledYet(writing);
      releases.shift()!();
      await expect(writing).rejects.toThrow('EIO');
      failNext = null;
      await expect(held.inTransaction(async (tx) => tx.insertInto('notes' as never).values({ id: 'later' } as never).execute())).rejects.toThrow('EIO');
      await expect(held.durable()).rejects.toThrow('EIO');
      expect(releases).toHaveLength(0);
    });
  });
});
