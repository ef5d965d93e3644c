import { sql } from 'kysely';
import type { AppContext } from '../server/context.js';
import { registerCompany } from '../server/modules/identity/register-company.js';
import { hashSecret } from '../server/platform/passwords.js';
import type { RunningServer } from './harness.js';

const ROWS = 1_000_000;
const GOAL_RSS_MB = 150;

type Record = (row: { engine: string; path: string; figure: string; p99?: string; ratio?: string; goal?: string; met?: string }) => void;

/**
 * A busy family's year: 1 000 000 ledger entries (SMS usage, one every 31 s), written with one
 * set-based INSERT … SELECT over a recursive CTE (SQLite) or generate_series (PostgreSQL).
 */
async function seedLedger(ctx: AppContext, apiKey: string): Promise<void> {
  const seconds = sql`(n.i * 31)`;
  const createdAt =
    ctx.database.dialect === 'sqlite'
      ? sql`strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || ${seconds} || ' seconds')`
      : sql`to_char(timestamp '2025-01-01' + ${seconds} * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const amount = sql`-(41000 + (n.i % 7) * 1234)`;
  const select = sql`select 'bench-' || n.i, ${apiKey}, ${apiKey}, 'usage', ${amount}, ${amount} * n.i, 'sms:BENCH' || n.i, 'bench', ${createdAt}`;
  const columns = sql`ledger_entries (id, primary_api_key, api_key, kind, amount_micros, balance_after_micros, reference, actor, created_at)`;
  if (ctx.database.dialect === 'sqlite') {
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS}) insert into ${columns} ${select} from n`.execute(ctx.db);
  } else {
    await sql`insert into ${columns} ${select} from generate_series(1, ${ROWS}) as n(i)`.execute(ctx.db);
  }
}

export interface ExportsFamily {
  apiKey: string;
  email: string;
  password: string;
  entries: number;
}

/** The family and its year of entries, written before the server starts (SQLite has one writer). */
export async function seedExportsFamily(engine: string, ctx: AppContext, record: Record): Promise<ExportsFamily> {
  const password = 'bench exports 1';
  const email = `exports.${Date.now()}@example.com`;
  const family = await registerCompany(ctx, { companyName: 'Bench exports', name: 'Bench', email, passwordHash: await hashSecret(password), phone: `+4474006${String(Date.now() % 1_000_000).padStart(6, '0')}` });
  const started = performance.now();
  await seedLedger(ctx, family.apiKey);
  record({ engine, path: `exports: ${ROWS.toLocaleString('en-GB')} ledger entries written (INSERT … SELECT)`, figure: `${Math.round(performance.now() - started).toLocaleString('en-GB')} ms` });
  const { entries } = await ctx.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('entries')).where('primary_api_key', '=', family.apiKey).executeTakeFirstOrThrow();
  return { apiKey: family.apiKey, email, password, entries: Number(entries) };
}

/**
 * "Download transactions" of the family's entries (its 1 000 000 and its sign-up credit) through the
 * HTTP route, as CSV and as .xlsx: the time to the last byte and the server process's peak RSS growth
 * over its RSS before the export (sampled every 50 ms), which streaming keeps bounded. The entries are
 * removed afterwards.
 */
export async function benchExports(engine: string, ctx: AppContext, server: RunningServer, family: ExportsFamily, record: Record): Promise<void> {
  try {
    const signIn = await fetch(`${server.origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: family.email, password: family.password }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    for (const format of ['csv', 'xlsx'] as const) {
      const before = server.rssMb();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 50);
      const started = performance.now();
      let bytes = 0;
      let lines = 0;
      try {
        const response = await fetch(`${server.origin}/api/exports/transactions?format=${format}`, { headers: { cookie } });
        if (!response.ok || !response.body) throw new Error(`export failed with ${response.status}`);
        const reader = response.body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          const chunk = read.value;
          bytes += chunk.byteLength;
          if (format === 'csv') for (const byte of chunk) if (byte === 10) lines += 1;
        }
      } finally {
        clearInterval(sampler);
      }
      const ms = performance.now() - started;
      peak = Math.max(peak, server.rssMb());
      const growth = peak - before;
      const complete = format === 'xlsx' || lines === family.entries + 1;
      record({
        engine,
        path: `Download transactions, ${ROWS.toLocaleString('en-GB')} entries as ${format} (HTTP, ${(bytes / 1e6).toFixed(0)} MB)`,
        figure: `${(ms / 1000).toFixed(1)} s`,
        p99: `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-GB')} rows/s`,
        ratio: `peak RSS +${growth.toFixed(0)} MB (from ${before.toFixed(0)} MB)`,
        goal: `goal RSS growth < ${GOAL_RSS_MB} MB`,
        met: growth < GOAL_RSS_MB && complete ? 'met' : complete ? 'NOT MET' : `NOT MET (${lines - 1} of ${family.entries} rows)`,
      });
    }
  } finally {
    await ctx.db.deleteFrom('ledger_entries').where('primary_api_key', '=', family.apiKey).where('actor', '=', 'bench').execute();
  }
}
