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
});
