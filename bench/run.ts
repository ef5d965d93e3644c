import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type autocannon from 'autocannon';
import pg from 'pg';
import { configSchema } from '../server/config.js';
import { buildContext } from '../server/context-factory.js';
import { inTransaction, migrate, openDatabase, type DatabaseHandle } from '../server/db/database.js';
import { setCreditLimit, topUpByOperator } from '../server/modules/account/operator.js';
import { registerCompany } from '../server/modules/identity/register-company.js';
import { createSubaccount } from '../server/modules/subaccounts/subaccounts.js';
import { transfer } from '../server/modules/subaccounts/transfers.js';
import { newApiKey, newApiSecret, newId } from '../server/platform/ids.js';
import { hashSecret } from '../server/platform/passwords.js';
import { benchAutoReloadJob } from './auto-reload.js';
import { benchApiRequestSearch } from './api-requests.js';
import { benchBalanceAlertJob } from './balance-alerts.js';
import { benchExports, seedExportsFamily } from './exports.js';
import { benchNumberSearch } from './numbers.js';
import { benchMessageSearch, benchSmsReceipts } from './messages.js';
import { benchSignInAndScopedMember } from './console-member.js';
import { benchInvoicePdf } from './invoices.js';
import { benchTopUps } from './top-up.js';
import { latencies, load, rate, startBareServer, startServer, type LoadResult } from './harness.js';
import { rawPgOneConnection, rawPgPool, rawSqliteRate, seedRawPostgres } from './raw-engine.js';
import { systemAuthor } from '../server/platform/activity/author.js';

interface Row {
  engine: string;
  path: string;
  figure: string;
  p99: string;
  ratio: string;
  goal: string;
  met: string;
  failed: string;
}
/**
 * `npm run bench -- --only top-up,sms --engine sqlite`: only those sections (and the baselines they are
 * compared with) on that engine, for iterating; without options, everything.
 */
const sections = ['reads', 'numbers', 'sms', 'receipts', 'messages', 'api-requests', 'transfers', 'families', 'list', 'console', 'members', 'top-up', 'exports', 'jobs', 'invoices', 'spa'] as const;
type Section = (typeof sections)[number];
const { values: options } = parseArgs({ options: { only: { type: 'string' }, engine: { type: 'string' } } });
const only = options.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(sections as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0) throw new Error(`bench: unknown section(s) ${unknown.join(', ')}; known: ${sections.join(', ')}`);
if (options.engine && !['sqlite', 'postgres'].includes(options.engine)) throw new Error('bench: --engine is sqlite or postgres');
const wants = (section: Section) => !only || only.includes(section);
const wantsEngine = (engine: 'sqlite' | 'postgres') => !options.engine || options.engine === engine;

const rows: Row[] = [];
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const record = (row: Partial<Row> & Pick<Row, 'engine' | 'path' | 'figure'>) => {
  const { engine, path, figure, p99 = '', ratio = '', goal = '', met = '', failed = '' } = row;
  const full: Row = { engine, path, figure, p99, ratio, goal, met, failed };
  rows.push(full);
  console.error(Object.values(full).join(' | '));
};
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const perSecond = (r: LoadResult, unit = 'req/s') => `${fmt(r.requestsPerSecond)} ${unit}`;
const failed = (r: LoadResult) => `${r.non2xx + r.errors} failed`;
/** A ratio to a baseline of this run, and whether it meets its goal (`min` ≤ ratio). */
const versus = (value: number, baseline: number, baselineName: string, min?: number) => ({
  ratio: `${fmt(value / baseline, 2)} of ${baselineName}`,
  goal: min === undefined ? '' : `goal ≥ ${min}`,
  met: min === undefined ? '' : value / baseline >= min ? 'met' : 'NOT MET',
});

interface Baselines {
  sqliteTx: number;
  bareGet: number;
  pgPool?: number;
}

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

async function dropSchema(base: string, schema: string) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}

const transferBody = (from: number, to: number) => JSON.stringify({ from, to, amount: 1 });

/** The raw engines and bare Fastify, before any product figure (those the chosen sections compare with). */
async function measureBaselines(pgBase: string | null): Promise<Baselines> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-raw-'));
  try {
    const durableNeeded = wants('sms') || wants('transfers') || wants('families');
    const sqliteTx = durableNeeded && wantsEngine('sqlite') ? rawSqliteRate(join(dir, 'raw.db')) : Number.NaN;
    if (!Number.isNaN(sqliteTx)) record({ engine: 'raw', path: 'SQLite durable transaction (2 updates + 1 insert, WAL, FULL)', figure: `${fmt(sqliteTx)} tx/s` });

    let bareGet = Number.NaN;
    if (wants('reads') || wants('transfers')) {
      const bare = await startBareServer({ BARE_SQLITE: join(dir, 'bare.db') });
      try {
        if (wants('reads')) {
          const get = await load({ url: `${bare.origin}/healthz` });
          bareGet = get.requestsPerSecond;
          record({ engine: 'bare', path: 'Fastify GET', figure: perSecond(get), p99: `p99 ${fmt(get.p99)} ms`, failed: failed(get) });
        }
        if (wants('transfers') && wantsEngine('sqlite')) {
          const route = await load({ url: `${bare.origin}/transfer`, method: 'POST', headers: { 'content-type': 'application/json' }, body: transferBody(0, 1) });
          record({ engine: 'bare', path: 'Fastify transfer route on SQLite', figure: perSecond(route), p99: `p99 ${fmt(route.p99)} ms`, ...versus(route.requestsPerSecond, sqliteTx, 'raw SQLite tx'), failed: failed(route) });
        }
      } finally {
        await bare.stop();
      }
    }
    if (!pgBase || !wantsEngine('postgres') || !durableNeeded) return { sqliteTx, bareGet };

    const schema = `bench_raw_${process.pid}`;
    try {
      await seedRawPostgres(pgBase, schema);
      const one = await rawPgOneConnection(pgBase, schema);
      record({ engine: 'raw', path: 'PostgreSQL durable transaction, one connection', figure: `${fmt(one)} tx/s` });
      const pgPool = await rawPgPool(pgBase, schema, false, 10);
      record({ engine: 'raw', path: 'PostgreSQL, pool of 10, uniform over 1 000 families', figure: `${fmt(pgPool)} tx/s` });
      if (!wants('families') && !wants('transfers')) return { sqliteTx, bareGet, pgPool };
      const hot = await rawPgPool(pgBase, schema, true, 32);
      record({ engine: 'raw', path: 'PostgreSQL, pool of 32, one hot pair', figure: `${fmt(hot)} tx/s`, ...versus(hot, pgPool, 'raw pool uniform') });

      const barePg = await startBareServer({ BARE_PG: pgBase, BARE_PG_SCHEMA: schema });
      try {
        const uniform = await load({
          url: barePg.origin,
          requests: [{ method: 'POST', path: '/transfer', headers: { 'content-type': 'application/json' }, setupRequest: (request) => {
            const family = Math.floor(Math.random() * 1000);
            return { ...request, body: transferBody(2 * family, 2 * family + 1) };
          } }],
        });
        record({ engine: 'bare', path: 'Fastify transfer route on PostgreSQL, 1 000 families', figure: perSecond(uniform), p99: `p99 ${fmt(uniform.p99)} ms`, ...versus(uniform.requestsPerSecond, pgPool, 'raw pool uniform'), failed: failed(uniform) });
        const hotRoute = await load({ url: `${barePg.origin}/transfer`, connections: 32, method: 'POST', headers: { 'content-type': 'application/json' }, body: transferBody(0, 1) });
        record({ engine: 'bare', path: 'Fastify transfer route on PostgreSQL, one hot pair, 32 conn.', figure: perSecond(hotRoute), p99: `p99 ${fmt(hotRoute.p99)} ms`, ...versus(hotRoute.requestsPerSecond, uniform.requestsPerSecond, 'bare route uniform'), failed: failed(hotRoute) });
      } finally {
        await barePg.stop();
      }
      return { sqliteTx, bareGet, pgPool };
    } finally {
      await dropSchema(pgBase, schema);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `count` primaries, each with one own-balance subaccount and ample credit, sharing one API secret. */
async function seedFamilies(database: DatabaseHandle, count: number) {
  const secret = newApiSecret();
  const secretHash = await hashSecret(secret);
  const now = new Date().toISOString();
  const families = Array.from({ length: count }, () => ({ primary: newApiKey(), sub: newApiKey() }));
  const account = (apiKey: string, primaryApiKey: string) => ({
    api_key: apiKey,
    primary_api_key: primaryApiKey,
    name: `Family ${primaryApiKey}`,
    company_name: 'Bench families',
    phone: null,
    use_primary_account_balance: 0,
    balance_micros: 0,
    credit_limit_micros: apiKey === primaryApiKey ? -1_000_000_000_000 : 0,
    suspended: 0,
    demo: 0,
    created_at: now,
  });
  for (let start = 0; start < count; start += 250) {
    const batch = families.slice(start, start + 250);
    await inTransaction(database, async (tx) => {
      await tx.insertInto('accounts').values(batch.flatMap((f) => [account(f.primary, f.primary), account(f.sub, f.primary)])).execute();
      await tx.insertInto('api_secrets').values(batch.map((f) => ({ id: newId(), api_key: f.primary, primary_api_key: f.primary, secret_hash: secretHash, created_at: now }))).execute();
    });
  }
  return { secret, families };
}

async function benchDatabase(name: 'SQLite' | 'PostgreSQL', url: string, baselines: Baselines, drop: () => Promise<void>) {
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
  const sub = await createSubaccount(ctx, partnerAccount, { name: 'Bench customer', use_primary_account_balance: false }, systemAuthor('bench'));
  const families = name === 'PostgreSQL' && wants('families') ? await seedFamilies(database, 1000) : null;

  const big = company(2);
  const bigPrimary = await registerCompany(ctx, big);
  const now = new Date().toISOString();
  for (let batch = 0; batch < (wants('list') || wants('console') || wants('members') ? 20 : 0); batch++) {
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

  if (wants('jobs')) {
    await benchBalanceAlertJob(name, ctx, record);
    await benchAutoReloadJob(name, ctx, record);
  }
  const exportsFamily = wants('exports') ? await seedExportsFamily(name, ctx, record) : null;
  const server = await startServer(url);
  try {
    const auth = { authorization: basic(partner.apiKey, partner.apiSecret) };
    const read = async (path: string, label: string, min: number, url = `${server.origin}${path}`) => {
      const r = await load({ url, headers: auth });
      record({ engine: name, path: label, figure: perSecond(r), p99: `p99 ${fmt(r.p99)} ms`, ...versus(r.requestsPerSecond, baselines.bareGet, 'bare GET', min), failed: failed(r) });
    };
    const durable = name === 'SQLite' ? { value: baselines.sqliteTx, label: 'raw SQLite tx' } : { value: baselines.pgPool ?? Number.NaN, label: 'raw pool uniform' };

    if (wants('reads')) {
      await read('/healthz', 'GET /healthz', 0.5);
      await read('/account/get-balance', 'GET /account/get-balance (Basic auth)', 0.3);
      await read(`/accounts/${partner.apiKey}/subaccounts/${sub.api_key}`, 'GET one subaccount', 0.3);
      await read(`/accounts/${partner.apiKey}/secrets`, 'GET the secrets list', 0.3);
    }
    if (wants('numbers')) await benchNumberSearch(name, server.origin, auth, record);

    if (wants('sms')) {
      const sms = await load({
        url: `${server.origin}/sms/json`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Bench', to: '447400123456', text: 'Benchmark message' }),
      });
      record({ engine: name, path: 'POST /sms/json (one charge each)', figure: perSecond(sms), p99: `p99 ${fmt(sms.p99)} ms`, ...versus(sms.requestsPerSecond, durable.value, durable.label, name === 'SQLite' ? 0.5 : undefined), failed: failed(sms) });
    }

    if (wants('receipts')) await benchSmsReceipts(name, ctx, server.origin, { apiKey: partner.apiKey, authorization: auth.authorization }, record);

    for (const kind of wants('transfers') ? (['credit', 'balance'] as const) : []) {
      const body = JSON.stringify({ from: partner.apiKey, to: sub.api_key, amount: 0.01 });
      const http = await load({ url: `${server.origin}/accounts/${partner.apiKey}/${kind}-transfers`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
      record({ engine: name, path: `${kind} transfer, one primary (HTTP)`, figure: perSecond(http), p99: `p99 ${fmt(http.p99)} ms`, ...versus(http.requestsPerSecond, durable.value, durable.label, name === 'SQLite' ? 0.5 : undefined), failed: failed(http) });
      const inProcess = await rate(3000, 10, () => inTransaction(database, (tx) => transfer(ctx, tx, partnerAccount, kind, { from: partner.apiKey, to: sub.api_key, amount: 0.01 }, 'bench', systemAuthor('bench'))));
      record({ engine: name, path: `${kind} transfer, transfer() in-process`, figure: `${fmt(inProcess)} tx/s`, ...versus(inProcess, durable.value, durable.label) });
    }

    if (families) {
      const uniformRequest = (kind: 'credit' | 'balance') => ({
        method: 'POST' as const,
        setupRequest: (request: autocannon.Request) => {
          const family = families.families[Math.floor(Math.random() * families.families.length)];
          return {
            ...request,
            path: `/accounts/${family.primary}/${kind}-transfers`,
            headers: { authorization: basic(family.primary, families.secret), 'content-type': 'application/json' },
            body: JSON.stringify({ from: family.primary, to: family.sub, amount: 0.01 }),
          };
        },
      });
      let uniformCredit = Number.NaN;
      for (const kind of ['credit', 'balance'] as const) {
        // Balance transfers need money on the primaries (set directly: this database is thrown away).
        if (kind === 'balance') {
          await ctx.db.updateTable('accounts').set({ balance_micros: 1_000_000_000_000 }).where('company_name', '=', 'Bench families').whereRef('api_key', '=', 'primary_api_key').execute();
        }
        const uniform = await load({ url: server.origin, requests: [uniformRequest(kind)] });
        if (kind === 'credit') uniformCredit = uniform.requestsPerSecond;
        record({ engine: name, path: `${kind} transfer, 1 000 families (HTTP)`, figure: perSecond(uniform), p99: `p99 ${fmt(uniform.p99)} ms`, ...versus(uniform.requestsPerSecond, durable.value, durable.label, 0.5), failed: failed(uniform) });
      }
      const hot = await load({
        url: `${server.origin}/accounts/${partner.apiKey}/credit-transfers`,
        connections: 32,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ from: partner.apiKey, to: sub.api_key, amount: 0.01 }),
      });
      const hotVersus = versus(hot.requestsPerSecond, uniformCredit, 'uniform', 0.5);
      const hotP99Met = hot.p99 < 50;
      record({
        engine: name,
        path: 'credit transfer, one hot primary, 32 conn. (HTTP)',
        figure: perSecond(hot),
        p99: `p99 ${fmt(hot.p99)} ms`,
        ...hotVersus,
        goal: `${hotVersus.goal}, p99 < 50 ms`,
        met: hotVersus.met === 'met' && hotP99Met ? 'met' : 'NOT MET',
        failed: failed(hot),
      });
    }

    if (wants('list')) {
      const bigAuth = { authorization: basic(bigPrimary.apiKey, bigPrimary.apiSecret) };
      const list = await latencies(40, () => fetch(`${server.origin}/accounts/${bigPrimary.apiKey}/subaccounts`, { headers: bigAuth }));
      record({ engine: name, path: 'public list, 10 000 subaccounts', figure: `p50 ${fmt(list.p50, 1)} ms`, p99: `p99 ${fmt(list.p99, 1)} ms`, goal: 'goal p99 < 150 ms', met: list.p99 < 150 ? 'met' : 'NOT MET' });
    }

    if (wants('console')) {
      const signIn = await fetch(`${server.origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: big.email, password }) });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
      const page = await latencies(200, () => fetch(`${server.origin}/api/subaccounts?limit=100&sort=name&order=asc&offset=${Math.floor(Math.random() * 9900)}`, { headers: { cookie } }));
      record({ engine: name, path: 'console page (100 rows of 10 000)', figure: `p50 ${fmt(page.p50, 1)} ms`, p99: `p99 ${fmt(page.p99, 1)} ms`, goal: 'goal p99 < 20 ms', met: page.p99 < 20 ? 'met' : 'NOT MET' });
    }

    if (wants('members')) await benchSignInAndScopedMember(name, ctx, server, { primaryApiKey: bigPrimary.apiKey, ownerEmail: big.email, password }, record);
    if (wants('top-up')) await benchTopUps(name, ctx, server, record);
    if (exportsFamily) await benchExports(name, ctx, server, exportsFamily, record);

    // Last: its ten million rows would weigh on every figure after it.
    if (wants('messages')) await benchMessageSearch(name, database, record);
    if (wants('api-requests')) await benchApiRequestSearch(name, database, record);

    const rss = server.rssMb();
    record({ engine: name, path: 'server RSS after the bench', figure: `${fmt(rss)} MB`, goal: 'goal < 250 MB', met: rss < 250 ? 'met' : 'NOT MET' });
  } finally {
    await server.stop();
    await database.close();
    await drop();
  }
}

function spaSizes() {
  const goalKb = 100;
  const manifestPath = 'dist/.vite/manifest.json';
  if (!existsSync(manifestPath)) {
    record({ engine: 'SPA', path: 'sign-in route JS', figure: 'run `npm run build` first', goal: `goal ≤ ${goalKb} KB gz` });
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
  const kb = gz(keys) / 1024;
  record({ engine: 'SPA', path: 'sign-in route JS (entry + sign-in page chunks)', figure: `${fmt(kb, 1)} KB gz`, goal: `goal ≤ ${goalKb} KB gz`, met: kb <= goalKb ? 'met' : 'NOT MET' });
}

const pgBase = await postgresUrl();
const baselines = await measureBaselines(pgBase);

const sqliteDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
if (wantsEngine('sqlite')) await benchDatabase('SQLite', `sqlite:${join(sqliteDir, 'bench.db')}`, baselines, async () => rmSync(sqliteDir, { recursive: true, force: true }));
if (pgBase && wantsEngine('postgres')) {
  const schema = `bench_${process.pid}`;
  await benchDatabase('PostgreSQL', `${pgBase}${pgBase.includes('?') ? '&' : '?'}schema=${schema}`, baselines, () => dropSchema(pgBase, schema));
} else if (wantsEngine('postgres')) {
  record({ engine: 'PostgreSQL', path: 'skipped', figure: 'no server at BENCH_DATABASE_URL / TEST_DATABASE_URL / 127.0.0.1:5432' });
}
if (wants('invoices')) {
  const pdf = await benchInvoicePdf();
  record({ engine: 'PDF', path: 'invoice PDF rendering (pdfkit, one at a time)', figure: `${fmt(pdf.perSecond)} PDFs/s`, p99: `${fmt(pdf.bytes / 1024, 1)} KB each` });
}
if (wants('spa')) spaSizes();

const columns = Object.keys(rows[0]) as (keyof Row)[];
const widths = columns.map((column) => Math.max(...rows.map((row) => row[column].length)));
console.log('\nSwitchboard benchmark (one run, this machine): every ratio is to a baseline measured above it in this run\n');
for (const row of rows) console.log(columns.map((column, i) => row[column].padEnd(widths[i])).join('  ').trimEnd());
