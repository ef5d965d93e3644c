import pg from 'pg';
import { buildApp } from '../server/app.js';
import { configSchema } from '../server/config.js';
import { migrate, openDatabase } from '../server/db/database.js';
import { setCreditLimit, topUpByOperator } from '../server/modules/account/operator.js';
import { registerCompany } from '../server/modules/identity/register-company.js';
import { createSubaccount } from '../server/modules/subaccounts/subaccounts.js';
import { systemAuthor } from '../server/platform/activity/author.js';
import { hashSecret } from '../server/platform/passwords.js';
import { storeSucceedingCard } from './top-up.js';

/**
 * `npm run bench:statements [-- postgres://…]`: the PostgreSQL statements — each one round trip — that
 * one request of each money path sends, in order, with BEGIN and COMMIT. A statement added to a hot
 * path shows here before it shows as a slower bench. Counted at the pg client, under no load.
 */
const base = process.argv[2] ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_statements_${process.pid}`;
const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;

let sent: string[] | null = null;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [config] = args;
  const text = typeof config === 'string' ? config : (config as { text?: string } | undefined)?.text;
  if (sent && text) sent.push(text.replace(/\s+/g, ' ').trim());
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

const database = await openDatabase(url);
try {
  await migrate(database);
  const config = configSchema.parse({ NODE_ENV: 'test', DATABASE_URL: url });
  const { app, ctx, flushApiRequestLog } = await buildApp({ config, database, logger: false, staticRoot: null });
  await app.ready();
  const password = 'bench password 1';
  const email = `statements.${process.pid}@example.com`;
  const partner = await registerCompany(ctx, { companyName: 'Statements', name: 'Bench', email, passwordHash: await hashSecret(password), phone: '+447400999001' });
  await setCreditLimit(ctx, partner.apiKey, -1_000_000_000);
  await topUpByOperator(ctx, partner.apiKey, 1_000_000_000, 'bench');
  const partnerAccount = await ctx.db.selectFrom('accounts').selectAll().where('api_key', '=', partner.apiKey).executeTakeFirstOrThrow();
  const sub = await createSubaccount(ctx, partnerAccount, { name: 'Customer', use_primary_account_balance: false }, systemAuthor('bench'));
  const auth = { authorization: `Basic ${Buffer.from(`${partner.apiKey}:${partner.apiSecret}`).toString('base64')}`, 'content-type': 'application/json' };
  const transfer = (kind: 'credit' | 'balance', key?: string) => () =>
    app.inject({
      method: 'POST',
      url: `/accounts/${partner.apiKey}/${kind}-transfers`,
      headers: { ...auth, ...(key ? { 'idempotency-key': key } : {}) },
      payload: { from: partner.apiKey, to: sub.api_key, amount: 0.01 },
    });
  const sms = (key?: string) => () =>
    app.inject({ method: 'POST', url: '/sms/json', headers: { ...auth, ...(key ? { 'idempotency-key': key } : {}) }, payload: { from: 'Bench', to: '447400123456', text: 'Statements' } });
  const methodId = await storeSucceedingCard(ctx, partner.apiKey, 'Bench');
  const signIn = await app.inject({ method: 'POST', url: '/api/sessions', payload: { email, password } });
  const session = { cookie: `${signIn.cookies[0].name}=${signIn.cookies[0].value}`, 'x-csrf-token': signIn.json<{ csrf_token: string }>().csrf_token };
  const topUp = (n: number) => () =>
    app.inject({ method: 'POST', url: '/api/billing/top-ups', headers: { ...session, 'idempotency-key': `top-up-${n}` }, payload: { method_id: methodId, amount: 10 } });
  const paths: [string, (n: number) => () => Promise<{ statusCode: number }>][] = [
    ['credit transfer', () => transfer('credit')],
    ['balance transfer', () => transfer('balance')],
    ['credit transfer with Idempotency-Key', (n) => transfer('credit', `credit-${n}`)],
    ['balance transfer with Idempotency-Key', (n) => transfer('balance', `balance-${n}`)],
    ['POST /sms/json', () => sms()],
    ['POST /sms/json with Idempotency-Key', (n) => sms(`sms-${n}`)],
    ['one-click top-up (session, sandbox card)', topUp],
  ];
  for (const [label, request] of paths) {
    // Once to warm the caches (credentials, families), then counted; the request log is flushed apart.
    await request(0)();
    await flushApiRequestLog();
    sent = [];
    const { statusCode } = await request(1)();
    const statements = sent;
    sent = null;
    await flushApiRequestLog();
    console.log(`\n${label} (status ${statusCode}): ${statements.length} statements`);
    for (const text of statements) console.log(`  ${text.length > 140 ? `${text.slice(0, 137)}…` : text}`);
  }
  await app.close();
} finally {
  await database.close();
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
