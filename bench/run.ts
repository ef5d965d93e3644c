import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { configSchema } from '../server/config.js';
import { buildContext } from '../server/context-factory.js';
import { inTransaction, migrate, openDatabase } from '../server/db/database.js';
import { setCreditLimit, topUpByOperator } from '../server/modules/account/operator.js';
import { registerCompany } from '../server/modules/identity/register-company.js';
import { createSubaccount } from '../server/modules/subaccounts/subaccounts.js';
import { transfer } from '../server/modules/subaccounts/transfers.js';
import { newApiKey } from '../server/platform/ids.js';
import { hashSecret } from '../server/platform/passwords.js';
import { latencies, load, rate, startServer, type LoadResult } from './harness.js';

const rows: string[][] = [];
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const record = (...cells: string[]) => {
  rows.push(cells);
  console.error(cells.join(' | '));
};
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

async function postgresUrl(): Promise<string | null> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return base;
  } catch {
    return null;
  }
}

async function benchDatabase(name: string, url: string, includeApiReads: boolean, drop: () => Promise<void>) {
  const database = await openDatabase(url);
  await migrate(database);
  const ctx = buildContext(configSchema.parse({ NODE_ENV: 'production', DATABASE_URL: url }), database);
  const password = 'bench password 1';
  const passwordHash = await hashSecret(password);
  const company = (n: number) => ({ companyName: `Bench ${n}`, name: 'Bench', email: `bench${n}.${Date.now()}@example.com`, passwordHash, phone: `+4474005${String(n).padStart(5, '0')}${Date.now() % 10}` });

  const partner = await registerCompany(ctx, company(1));
  await setCreditLimit(ctx, partner.apiKey, -1_000_000_000_000);
  await topUpByOperator(ctx, partner.apiKey, 1_000_000_000_000, 'bench');
  const partnerAccount = await ctx.db.selectFrom('accounts').selectAll().where('api_key', '=', partner.apiKey).executeTakeFirstOrThrow();
  const sub = await createSubaccount(ctx, partnerAccount, { name: 'Bench customer', use_primary_account_balance: false });

  const big = company(2);
  const bigPrimary = await registerCompany(ctx, big);
  const now = new Date().toISOString();
  for (let batch = 0; batch < 20; batch++) {
    await inTransaction(database, (tx) =>
      tx
        .insertInto('accounts')
        .values(
          Array.from({ length: 500 }, (_, i) => ({
            api_key: newApiKey(),
            primary_api_key: bigPrimary.apiKey,
            name: `Customer ${batch * 500 + i}`,
            company_name: 'Bench 2',
            phone: null,
            use_primary_account_balance: i % 3 === 0 ? 1 : 0,
            balance_micros: 0,
            credit_limit_micros: 0,
            suspended: i % 50 === 0 ? 1 : 0,
            demo: 0,
            created_at: now,
          })),
        )
        .execute(),
    );
  }

  const server = await startServer(url);
  try {
    const auth = { authorization: basic(partner.apiKey, partner.apiSecret) };
    if (includeApiReads) {
      const health = await load({ url: `${server.origin}/healthz` });
      const balance = await load({ url: `${server.origin}/account/get-balance`, headers: auth });
      const sms = await load({
        url: `${server.origin}/sms/json`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Bench', to: '447400123456', text: 'Benchmark message' }),
      });
      const line = (label: string, r: LoadResult, goal: string) =>
        record(name, label, `${fmt(r.requestsPerSecond)} req/s`, `p99 ${fmt(r.p99)} ms`, `${fmt((r.requestsPerSecond / health.requestsPerSecond) * 100)}% of /healthz`, goal, `${r.non2xx + r.errors} failed`);
      line('GET /healthz', health, '');
      line('GET /account/get-balance (Basic auth)', balance, 'goal ≥ 70%');
      line('POST /sms/json', sms, '');
    }

    for (const kind of ['credit', 'balance'] as const) {
      const body = JSON.stringify({ from: partner.apiKey, to: sub.api_key, amount: 0.01 });
      const http = await load({ url: `${server.origin}/accounts/${partner.apiKey}/${kind}-transfers`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
      const raw = await rate(3000, 10, () => inTransaction(database, (tx) => transfer(ctx, tx, partnerAccount, kind, { from: partner.apiKey, to: sub.api_key, amount: 0.01 }, 'bench')));
      record(name, `${kind} transfer`, `HTTP ${fmt(http.requestsPerSecond)}/s (p99 ${fmt(http.p99)} ms)`, `database ${fmt(raw)}/s`, `ratio ${fmt(http.requestsPerSecond / raw, 2)}`, 'goal ≥ 0.5', `${http.non2xx + http.errors} failed`);
    }

    const bigAuth = { authorization: basic(bigPrimary.apiKey, bigPrimary.apiSecret) };
    const list = await latencies(40, () => fetch(`${server.origin}/accounts/${bigPrimary.apiKey}/subaccounts`, { headers: bigAuth }));
    record(name, 'public list, 10 000 subaccounts', `p50 ${fmt(list.p50, 1)} ms`, `p99 ${fmt(list.p99, 1)} ms`, '', 'goal p99 < 150 ms', '');

    const signIn = await fetch(`${server.origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: big.email, password }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await latencies(200, () => fetch(`${server.origin}/api/subaccounts?limit=100&sort=name&order=asc&offset=${Math.floor(Math.random() * 9900)}`, { headers: { cookie } }));
    record(name, 'console page (100 rows of 10 000)', `p50 ${fmt(page.p50, 1)} ms`, `p99 ${fmt(page.p99, 1)} ms`, '', 'goal p99 < 20 ms', '');
  } finally {
    await server.stop();
    await database.close();
    await drop();
  }
}

function spaSizes() {
  const manifestPath = 'dist/.vite/manifest.json';
  if (!existsSync(manifestPath)) {
    record('SPA', 'sign-in route JS', 'run `npm run build` first', '', '', 'goal ≤ 120 KB gz', '');
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string; imports?: string[]; isEntry?: boolean; src?: string }>;
  const chunkOf = (key: string) => manifest[key];
  const collect = (key: string, seen: Set<string>) => {
    if (seen.has(key) || !chunkOf(key)) return;
    seen.add(key);
    for (const imported of chunkOf(key).imports ?? []) collect(imported, seen);
  };
  const gz = (keys: Set<string>) => [...keys].reduce((sum, key) => sum + gzipSync(readFileSync(join('dist', chunkOf(key).file))).length, 0);
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry)!;
  const signIn = Object.keys(manifest).find((key) => key.includes('sign-in-page'));
  const keys = new Set<string>();
  collect(entry, keys);
  if (signIn) collect(signIn, keys);
  record('SPA', 'sign-in route JS (entry + sign-in page chunks)', `${fmt(gz(keys) / 1024, 1)} KB gz`, '', '', 'goal ≤ 120 KB gz', '');
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
await benchDatabase('SQLite', `sqlite:${join(sqliteDir, 'bench.db')}`, true, async () => rmSync(sqliteDir, { recursive: true, force: true }));
const pgBase = await postgresUrl();
if (pgBase) {
  const schema = `bench_${process.pid}`;
  await benchDatabase('PostgreSQL', `${pgBase}${pgBase.includes('?') ? '&' : '?'}schema=${schema}`, true, async () => {
    const client = new pg.Client({ connectionString: pgBase });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
} else {
  record('PostgreSQL', 'skipped', 'no server at BENCH_DATABASE_URL / TEST_DATABASE_URL / 127.0.0.1:5432', '', '', '', '');
}
spaSizes();

const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
console.log('\nSwitchboard benchmark (one run, this machine)\n');
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
