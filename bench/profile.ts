import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configSchema } from '../server/config.js';
import { buildContext } from '../server/context-factory.js';
import { migrate, openDatabase } from '../server/db/database.js';
import { setCreditLimit, topUpByOperator } from '../server/modules/account/operator.js';
import { registerCompany } from '../server/modules/identity/register-company.js';
import { createSubaccount } from '../server/modules/subaccounts/subaccounts.js';
import { hashSecret } from '../server/platform/passwords.js';
import { load, startServer } from './harness.js';
import { storeSucceedingCard } from './top-up.js';
import { systemAuthor } from '../server/platform/activity/author.js';

/**
 * `npm run bench:profile [-- postgres://…]`: runs the real server under `node --cpu-prof` on one hot
 * path at a time and prints where its CPU time goes, in µs per request, by part of the stack.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const parts: [string, (url: string, name: string) => boolean][] = [
  ['idle', (_url, name) => name === '(idle)'],
  ['garbage collection', (_url, name) => name === '(garbage collector)'],
  ['pg driver and protocol', (url) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/.test(url)],
  // better-sqlite3 runs statements (and the sync at commit) synchronously inside Kysely's driver call.
  ['SQLite: SQL and the sync (native)', (url) => url.includes('dialect/sqlite/sqlite-driver') || url.includes('better-sqlite3')],
  ['Kysely (query building, compiling)', (url) => url.includes('node_modules/kysely/')],
  ['zod (parsing, serialising)', (url) => url.includes('node_modules/zod/') || url.includes('fastify-type-provider-zod')],
  ['security headers (helmet)', (url) => url.includes('helmet') || url.includes('/server/platform/security-headers')],
  ['logging (pino)', (url) => /node_modules\/(pino|sonic-boom|fast-redact|pino-std-serializers)/.test(url)],
  ['Fastify core and its plugins', (url) => /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse|fast-querystring|proxy-addr|toad-cache|rfdc)/.test(url)],
  ['argon2 / crypto', (url) => url.includes('argon2') || url === 'node:crypto' || url.startsWith('node:internal/crypto')],
  ['access control and API log', (url) => url.includes('/server/platform/auth/') || url.includes('/server/platform/api-request-log')],
  ['domain code (server/modules, ledger, idempotency)', (url) => url.includes('/server/')],
  ['Node HTTP parser, sockets, timers', (url) => url.startsWith('node:')],
  ['V8 / native, other', () => true],
];

const isNative = (url: string) => url === '' || url.startsWith('node:');

/**
 * Each sample is charged to a part of the stack: its own function's, or, for native and Node-internal
 * code (a SQLite step, a socket write), the nearest caller's that is ours or a library's.
 */
function summarise(profile: Profile, requests: number, window: { from: number; to: number }): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOf = (id: number): string => {
    const { url, functionName } = byId.get(id)!.callFrame;
    for (let at: number | undefined = id; at !== undefined && isNative(url); at = parent.get(at)) {
      const caller = byId.get(at)!.callFrame;
      if (!isNative(caller.url)) return parts.find(([, matches]) => matches(caller.url, caller.functionName))![0];
    }
    return parts.find(([, matches]) => matches(url, functionName))![0];
  };
  const totals = new Map<string, number>();
  let at = profile.endTime - profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < window.from || at > window.to) return;
    const part = partOf(id);
    totals.set(part, (totals.get(part) ?? 0) + profile.timeDeltas[i]);
  });
  return new Map([...totals].map(([part, micros]) => [part, micros / requests]));
}

async function profiled(url: string, label: string, run: (origin: string) => Promise<number>) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-prof-'));
  const server = await startServer(url, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  let requests = 0;
  const started = performance.now();
  let ended = started;
  try {
    requests = await run(server.origin);
    ended = performance.now();
  } finally {
    await server.stop();
  }
  const stopped = performance.now();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  rmSync(dir, { recursive: true, force: true });
  // Only the samples taken under load: start-up (loading, compiling, migrating) is not a request's cost.
  const micros = (ms: number) => ms * 1000;
  const perRequest = summarise(profile, requests, { from: profile.endTime - micros(stopped - started), to: profile.endTime - micros(stopped - ended) });
  const busy = [...perRequest].filter(([part]) => part !== 'idle').reduce((sum, [, micros]) => sum + micros, 0);
  console.log(`\n${label}: ${requests} requests, ${busy.toFixed(0)} µs of CPU per request in the server`);
  for (const [part, micros] of [...perRequest].sort((a, b) => b[1] - a[1])) {
    if (part !== 'idle' && micros >= 1) console.log(`  ${part.padEnd(52)} ${micros.toFixed(0).padStart(6)} µs`);
  }
}

const { values: options, positionals } = parseArgs({ options: { only: { type: 'string' } }, allowPositionals: true });
const paths = ['healthz', 'get-balance', 'sms', 'credit-transfer', 'top-up'] as const;
const only = options.only?.split(',');
if (only?.some((name) => !(paths as readonly string[]).includes(name))) throw new Error(`bench:profile: --only takes ${paths.join(', ')}`);
const wants = (path: (typeof paths)[number]) => !only || only.includes(path);

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const dir = mkdtempSync(join(tmpdir(), 'sb-prof-db-'));
const url = positionals[0] ?? `sqlite:${join(dir, 'profile.db')}`;
const database = await openDatabase(url);
await migrate(database);
const ctx = buildContext(configSchema.parse({ NODE_ENV: 'production', DATABASE_URL: url }), database);
const email = `profile.${Date.now()}@example.com`;
const password = 'profile password 1';
const partner = await registerCompany(ctx, { companyName: 'Profile', name: 'Profile', email, passwordHash: await hashSecret(password), phone: `+44740099${String(Date.now() % 10000).padStart(4, '0')}` });
await setCreditLimit(ctx, partner.apiKey, -1_000_000_000_000);
await topUpByOperator(ctx, partner.apiKey, 1_000_000_000_000, 'profile');
const partnerAccount = await ctx.db.selectFrom('accounts').selectAll().where('api_key', '=', partner.apiKey).executeTakeFirstOrThrow();
const sub = await createSubaccount(ctx, partnerAccount, { name: 'Profile customer', use_primary_account_balance: false }, systemAuthor('bench'));
const methodId = await storeSucceedingCard(ctx, partner.apiKey, 'Profile');
await database.close();

const auth = { authorization: basic(partner.apiKey, partner.apiSecret) };
const counted = async (options: Parameters<typeof load>[0]) => {
  const result = await load(options);
  return result.total;
};
try {
  if (wants('healthz')) await profiled(url, 'GET /healthz', (origin) => counted({ url: `${origin}/healthz` }));
  if (wants('get-balance')) await profiled(url, 'GET /account/get-balance', (origin) => counted({ url: `${origin}/account/get-balance`, headers: auth }));
  if (wants('sms')) await profiled(url, 'POST /sms/json', (origin) =>
    counted({ url: `${origin}/sms/json`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ from: 'Profile', to: '447400123456', text: 'Profile message' }) }),
  );
  if (wants('credit-transfer')) await profiled(url, 'POST credit transfer', (origin) =>
    counted({ url: `${origin}/accounts/${partner.apiKey}/credit-transfers`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ from: partner.apiKey, to: sub.api_key, amount: 0.01 }) }),
  );
  if (wants('top-up')) await profiled(url, 'POST /api/billing/top-ups (session, sandbox card)', async (origin) => {
    const signIn = await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const session = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await signIn.json()) as { csrf_token: string }).csrf_token };
    return counted({
      url: origin,
      requests: [{ method: 'POST', path: '/api/billing/top-ups', setupRequest: (request) => ({ ...request, headers: { ...session, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify({ method_id: methodId, amount: 10 }) }) }],
    });
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
