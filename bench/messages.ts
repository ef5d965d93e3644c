import { createServer } from 'node:http';
import { sql } from 'kysely';
import type { AppContext } from '../server/context.js';
import type { DatabaseHandle } from '../server/db/database.js';
import { searchMessages } from '../server/modules/messages/search.js';
import { newApiKey } from '../server/platform/ids.js';
import { DAY } from '../server/platform/clock.js';
import { load, percentile, type LoadResult } from './harness.js';

type RecordRow = (row: { engine: string; path: string; figure: string; p99?: string; ratio?: string; goal?: string; met?: string; failed?: string }) => void;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const GOAL_P99_MS = 100;
const SAMPLES = 100;
/** Issue 15: 10 000 000 messages in one family (MESSAGE_BENCH_ROWS for a quicker look). */
const ROWS = Number(process.env.MESSAGE_BENCH_ROWS ?? 10_000_000);
const CHUNK = 1_000_000;
const SPAN_DAYS = 30;

/**
 * POST /sms/json with delivery receipts on (the account's drCallBackUrl, a local receiver answering
 * 200) against the same with them off (`status-report-req=false`). Goal ≥ 0.8: the receipts job and
 * the webhooks run beside the sends without slowing them much.
 */
export async function benchSmsReceipts(engine: string, ctx: AppContext, origin: string, account: { apiKey: string; authorization: string }, record: RecordRow): Promise<void> {
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as { port: number };
  const send = (body: Record<string, unknown>): Promise<LoadResult> =>
    load({
      url: `${origin}/sms/json`,
      method: 'POST',
      duration: 8,
      headers: { authorization: account.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'Bench', to: '447400123456', text: 'Benchmark message', ...body }),
    });
  try {
    // Warm up first: whichever ran first would pay for the JIT and the caches.
    await send({ 'status-report-req': false });
    const off = await send({ 'status-report-req': false });
    await ctx.db.updateTable('accounts').set({ dr_callback_url: `http://127.0.0.1:${port}/dlr` }).where('api_key', '=', account.apiKey).execute();
    const on = await send({});
    const ratio = on.requestsPerSecond / off.requestsPerSecond;
    record({ engine, path: 'POST /sms/json, receipts off', figure: `${fmt(off.requestsPerSecond)} req/s`, p99: `p99 ${fmt(off.p99)} ms`, failed: `${off.non2xx + off.errors} failed` });
    record({
      engine,
      path: `POST /sms/json, receipts on (${fmt(received)} delivered meanwhile)`,
      figure: `${fmt(on.requestsPerSecond)} req/s`,
      p99: `p99 ${fmt(on.p99)} ms`,
      ratio: `${fmt(ratio, 2)} of receipts off`,
      goal: 'goal ≥ 0.8',
      met: ratio >= 0.8 ? 'met' : 'NOT MET',
      failed: `${on.non2xx + on.errors} failed`,
    });
  } finally {
    await ctx.db.updateTable('accounts').set({ dr_callback_url: null }).where('api_key', '=', account.apiKey).execute();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}

/**
 * The console's message search over ROWS messages of one family spread over 30 days, in-process
 * (the query the page's request runs), one search at a time: every filter the page offers, alone and
 * combined. The rows are made by set-based INSERT … SELECT (a million per statement) with the
 * indexes dropped and made again afterwards, as a bulk load would.
 */
export async function benchMessageSearch(engine: string, database: DatabaseHandle, record: RecordRow): Promise<void> {
  const { db, dialect } = database;
  const primary = newApiKey();
  const subs = Array.from({ length: 5 }, () => newApiKey());
  const now = new Date();
  const accounts = [primary, ...subs].map((apiKey) => ({
    api_key: apiKey,
    primary_api_key: primary,
    name: `Messages ${apiKey}`,
    company_name: 'Bench messages',
    phone: null,
    use_primary_account_balance: 1,
    balance_micros: 0,
    credit_limit_micros: 0,
    suspended: 0,
    demo: 0,
    created_at: now.toISOString(),
  }));
  await db.insertInto('accounts').values(accounts).execute();

  const prepared = performance.now();
  const indexes =
    dialect === 'sqlite'
      ? (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'messages' and sql is not null`.execute(db)).rows
      : (await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes where tablename = 'messages' and schemaname = current_schema() and indexname not like '%pkey'`.execute(db)).rows;
  // SQLite's reads go through a second connection, which checks each statement first: it must see the schema change.
  const schemaChanged = () => (dialect === 'sqlite' ? sql`select count(*) from sqlite_master`.execute(db) : Promise.resolve());
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  await schemaChanged();
  const startSeconds = Math.floor(now.getTime() / 1000) - SPAN_DAYS * 86_400;
  const step = (SPAN_DAYS * 86_400) / ROWS;
  for (let from = 0; from < ROWS; from += CHUNK) {
    const to = Math.min(ROWS, from + CHUNK) - 1;
    await sql.raw(insertRows(dialect, primary, subs, from, to, startSeconds, step)).execute(db);
  }
  for (const index of indexes) await sql.raw(index.sql).execute(db);
  await schemaChanged();
  await sql.raw(dialect === 'sqlite' ? 'analyze' : 'analyze messages').execute(db);
  const seconds = (performance.now() - prepared) / 1000;
  record({ engine, path: `messages: ${fmt(ROWS)} rows of one family prepared`, figure: `${fmt(seconds, 1)} s`, goal: 'goal < 120 s', met: seconds < 120 ? 'met' : 'NOT MET' });

  const sample = await db.selectFrom('messages').select(['id', 'recipient', 'client_ref']).where('primary_api_key', '=', primary).where('client_ref', 'is not', null).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
  const days = (n: number) => new Date(now.getTime() - n * DAY).toISOString();
  const searches: [string, Record<string, string>][] = [
    ['last 24 h, no filter', {}],
    ['status failed', { status: 'failed' }],
    ['country DE', { country: 'DE' }],
    ['to prefix 4477', { to: '4477' }],
    ['to one number, 30 days', { to: sample.recipient, start: days(30) }],
    ['client-ref, 30 days', { client_ref: sample.client_ref ?? '', start: days(30) }],
    ['message id', { message_id: sample.id }],
    ['one subaccount', { api_key: subs[2] }],
    ['received (inbound), 30 days', { direction: 'inbound', start: days(30) }],
    ['expired in FR from a subaccount, 30 days', { status: 'expired', country: 'FR', api_key: subs[0], start: days(30) }],
    ['rejected, 7 days, from prefix Acme', { status: 'rejected', from: 'Acme', start: days(7) }],
    ['scoped member (2 subaccounts), delivered', { status: 'delivered', scoped: '1' }],
  ];
  for (const [label, filter] of searches) {
    const { scoped, ...query } = filter;
    const samples: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      // Every other search asks for the next page, as "Show more" does.
      const page = await searchMessages(db, primary, scoped ? subs.slice(0, 2) : null, { ...query, cursor: i % 2 === 1 ? cursor : undefined, limit: 50 }, now);
      samples.push(performance.now() - started);
      cursor = page.next_cursor ?? undefined;
    }
    const p99 = percentile(samples, 99);
    record({
      engine,
      path: `message search, ${label}`,
      figure: `p50 ${fmt(percentile(samples, 50), 1)} ms`,
      p99: `p99 ${fmt(p99, 1)} ms`,
      goal: `p99 < ${GOAL_P99_MS} ms`,
      met: p99 < GOAL_P99_MS ? 'met' : 'NOT MET',
    });
  }
}

/** One INSERT … SELECT of rows `from`..`to`: deterministic, spread over the family and the month. */
export function insertRows(dialect: 'sqlite' | 'postgres', primary: string, subs: string[], from: number, to: number, startSeconds: number, step: number): string {
  const quote = (text: string) => `'${text}'`;
  const account = `case i % 6 when 0 then ${quote(primary)} ${subs.map((sub, k) => `when ${k + 1} then ${quote(sub)}`).join(' ')} end`;
  const c = '((i * 7919) % 100)';
  const country = `case when ${c} < 50 then 'GB' when ${c} < 65 then 'US' when ${c} < 75 then 'DE' when ${c} < 85 then 'FR' when ${c} < 90 then 'ES' when ${c} < 95 then 'IT' else 'IN' end`;
  const prefix = `case when ${c} < 50 then '447' when ${c} < 65 then '1202' when ${c} < 75 then '4915' when ${c} < 85 then '336' when ${c} < 90 then '346' when ${c} < 95 then '393' else '919' end`;
  const s = '((i * 31) % 100)';
  const inbound = 'i % 100 = 42';
  const status = `case when ${inbound} then 'received' when ${s} < 93 then 'delivered' when ${s} < 95 then 'failed' when ${s} < 96 then 'expired' when ${s} < 97 then 'rejected' when ${s} < 98 then 'submitted' else 'delivered' end`;
  const sqlite = dialect === 'sqlite';
  const digits = sqlite ? `printf('%09d', (i * 48271) % 1000000000)` : `lpad(((i * 48271) % 1000000000)::text, 9, '0')`;
  const id = sqlite ? `printf('%014X01', 1099511627776 + i)` : `upper(lpad(to_hex(1099511627776 + i), 14, '0')) || '01'`;
  const at = sqlite
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${startSeconds} + i * ${step}, 'unixepoch')`
    : `to_char(timestamp 'epoch' + (${startSeconds} + i * ${step}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const text = sqlite ? `'Your code is ' || (i % 1000000)` : `'Your code is ' || (i % 1000000)::text`;
  const ref = sqlite ? `case when i % 10 = 3 then 'ref-' || i end` : `case when i % 10 = 3 then 'ref-' || i::text end`;
  const select = `select ${id}, ${quote(primary)}, ${account}, case when ${inbound} then 'inbound' else 'outbound' end,
    case when ${inbound} then '447700900001' when i % 20 = 5 then '4420' || ${digits} else 'Acme' end, ${prefix} || ${digits}, ${text}, 'text', 1,
    case when ${inbound} or ${s} between 96 and 96 then 0 else 41000 end, ${country}, null, ${ref}, null, ${status},
    case when ${inbound} then null when ${s} < 93 then '0' else '3' end, null, 1, null, null, ${at}, ${at}`;
  const columns = '(id, primary_api_key, api_key, direction, sender, recipient, text, encoding, parts, price_micros, country, network, client_ref, account_ref, status, error_code, error_text, status_report_req, callback_url, receipt_due_at, status_at, created_at)';
  return sqlite
    ? `with recursive n(i) as (select ${from} union all select i + 1 from n where i < ${to}) insert into messages ${columns} ${select} from n`
    : `insert into messages ${columns} ${select} from generate_series(${from}::bigint, ${to}::bigint) as g(i)`;
}
