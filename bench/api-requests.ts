import { sql } from 'kysely';
import type { DatabaseHandle } from '../server/db/database.js';
import { searchApiRequests } from '../server/modules/api-requests/search.js';
import { DAY } from '../server/platform/clock.js';
import { newApiKey } from '../server/platform/ids.js';
import { percentile } from './harness.js';

type RecordRow = (row: { engine: string; path: string; figure: string; p99?: string; goal?: string; met?: string }) => void;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const GOAL_P99_MS = 100;
const SAMPLES = 100;
/** Issue 15: 10 000 000 requests in one family (API_REQUEST_BENCH_ROWS for a quicker look). */
const ROWS = Number(process.env.API_REQUEST_BENCH_ROWS ?? 10_000_000);
const CHUNK = 1_000_000;
const SPAN_DAYS = 90;
const ENDPOINTS = [
  ['POST', '/sms/json'],
  ['GET', '/account/get-balance'],
  ['GET', '/accounts/:api_key/subaccounts'],
  ['POST', '/accounts/:api_key/credit-transfers'],
  ['GET', '/number/search'],
  ['POST', '/number/buy'],
  ['GET', '/accounts/:api_key/secrets'],
  ['POST', '/account/settings'],
] as const;

/**
 * The console's API request search over ROWS requests of one family spread over 90 days (the default
 * retention), in-process (the query the page's request runs), one search at a time: every filter the
 * page offers, alone and combined, every other search the next page. The rows are made by set-based
 * INSERT … SELECT (a million per statement) with the indexes dropped and made again afterwards.
 */
export async function benchApiRequestSearch(engine: string, database: DatabaseHandle, record: RecordRow): Promise<void> {
  const { db, dialect } = database;
  const primary = newApiKey();
  const subs = Array.from({ length: 19 }, () => newApiKey());
  const now = new Date();

  const prepared = performance.now();
  const indexes =
    dialect === 'sqlite'
      ? (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'api_requests' and sql is not null`.execute(db)).rows
      : (await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes where tablename = 'api_requests' and schemaname = current_schema() and indexname not like '%pkey'`.execute(db)).rows;
  // SQLite's reads go through a second connection, which checks each statement first: it must see the schema change.
  const schemaChanged = () => (dialect === 'sqlite' ? sql`select count(*) from sqlite_master`.execute(db) : Promise.resolve());
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  await schemaChanged();
  const startSeconds = Math.floor(now.getTime() / 1000) - SPAN_DAYS * 86_400;
  const step = (SPAN_DAYS * 86_400) / ROWS;
  for (let from = 0; from < ROWS; from += CHUNK) {
    await sql.raw(insertRows(dialect, primary, subs, from, Math.min(ROWS, from + CHUNK) - 1, startSeconds, step)).execute(db);
  }
  for (const index of indexes) await sql.raw(index.sql).execute(db);
  await schemaChanged();
  await sql.raw(dialect === 'sqlite' ? 'analyze' : 'analyze api_requests').execute(db);
  const seconds = (performance.now() - prepared) / 1000;
  record({ engine, path: `api requests: ${fmt(ROWS)} rows of one family prepared`, figure: `${fmt(seconds, 1)} s`, goal: 'goal < 120 s', met: seconds < 120 ? 'met' : 'NOT MET' });

  const sample = await db.selectFrom('api_requests').select('request_id').where('primary_api_key', '=', primary).orderBy('created_at', 'desc').limit(1).offset(12_345).executeTakeFirstOrThrow();
  const days = (n: number) => new Date(now.getTime() - n * DAY).toISOString();
  const searches: [string, Record<string, string | number>][] = [
    ['no filter', {}],
    ['last 24 h', { from: days(1) }],
    ['one day a month ago', { from: days(31), to: days(30) }],
    ['endpoint POST /number/buy', { endpoint: 'POST /number/buy' }],
    ['status class 5xx', { status_class: '5xx' }],
    ['status 422', { status: 422 }],
    ['one subaccount', { api_key: subs[4] }],
    ['request id', { request_id: sample.request_id ?? '' }],
    ['one subaccount, 5xx, 7 days', { api_key: subs[7], status_class: '5xx', from: days(7) }],
    ['endpoint and 4xx, 30 days', { endpoint: 'POST /sms/json', status_class: '4xx', from: days(30) }],
    ['subaccount, endpoint, 4xx', { api_key: subs[1], endpoint: 'GET /number/search', status_class: '4xx' }],
    ['scoped member (2 subaccounts), no filter', { scoped: 1 }],
  ];
  for (const [label, filter] of searches) {
    const { scoped, ...query } = filter;
    const samples: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      const page = await searchApiRequests(db, primary, scoped ? subs.slice(0, 2) : null, { ...query, cursor: i % 2 === 1 ? cursor : undefined, limit: 50 } as Parameters<typeof searchApiRequests>[3]);
      samples.push(performance.now() - started);
      cursor = page.next_cursor ?? undefined;
    }
    const p99 = percentile(samples, 99);
    record({ engine, path: `API request search, ${label}`, figure: `p50 ${fmt(percentile(samples, 50), 1)} ms`, p99: `p99 ${fmt(p99, 1)} ms`, goal: `p99 < ${GOAL_P99_MS} ms`, met: p99 < GOAL_P99_MS ? 'met' : 'NOT MET' });
  }
}

/** One INSERT … SELECT of rows `from`..`to`: deterministic, spread over the family's keys, endpoints and 90 days. */
function insertRows(dialect: 'sqlite' | 'postgres', primary: string, subs: string[], from: number, to: number, startSeconds: number, step: number): string {
  const quote = (text: string) => `'${text}'`;
  const keys = [primary, ...subs];
  const account = `case i % ${keys.length} ${keys.map((key, k) => `when ${k} then ${quote(key)}`).join(' ')} end`;
  const e = '((i * 31) % 8)';
  const method = `case ${e} ${ENDPOINTS.map(([m], k) => `when ${k} then '${m}'`).join(' ')} end`;
  const path = `case ${e} ${ENDPOINTS.map(([, p], k) => `when ${k} then '${p}'`).join(' ')} end`;
  const s = '((i * 7919) % 1000)';
  // 94 % 2xx, 5 % 4xx (400, 401, 404, 422), 1 % 5xx.
  const status = `case when ${s} < 940 then 200 when ${s} < 955 then 400 when ${s} < 965 then 401 when ${s} < 975 then 404 when ${s} < 990 then 422 when ${s} < 995 then 500 else 503 end`;
  const sqlite = dialect === 'sqlite';
  const at = sqlite
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${startSeconds} + i * ${step}, 'unixepoch')`
    : `to_char(timestamp 'epoch' + (${startSeconds} + i * ${step}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const requestId = sqlite ? `printf('%08x-bench-%012d', i % 4294967295, i)` : `lpad(to_hex(i % 4294967295), 8, '0') || '-bench-' || lpad(i::text, 12, '0')`;
  const select = `select ${quote(primary)}, ${account}, ${method}, ${path}, ${status}, ${status} / 100, ${at}, ${requestId}, (i % 97) + 3,
    case when ${s} >= 940 then 'https://switchboard.dev/problems/bench' end, case when ${s} >= 940 then 'Bench failure' end, '203.0.113.' || (i % 250), 'bench/1.0'`;
  const columns = '(primary_api_key, api_key, method, path, status, status_class, created_at, request_id, latency_ms, error_type, error_title, client_ip, user_agent)';
  return sqlite
    ? `with recursive n(i) as (select ${from} union all select i + 1 from n where i < ${to}) insert into api_requests ${columns} ${select} from n`
    : `insert into api_requests ${columns} ${select} from generate_series(${from}::bigint, ${to}::bigint) as g(i)`;
}
