import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import type { AppContext } from '../server/context.js';
import { inTransaction } from '../server/db/database.js';
import { applyOutcome, chargeStoredMethod, newPaymentRow } from '../server/modules/billing/payments.js';
import { methodLabel } from '../server/modules/billing/views.js';
import { registerCompany } from '../server/modules/identity/register-company.js';
import { userAuthor } from '../server/platform/activity/author.js';
import { newId } from '../server/platform/ids.js';
import { hashSecret } from '../server/platform/passwords.js';
import { load, rate } from './harness.js';

/** Accounts topped up in turn, one per connection of the HTTP load (a top-up locks its own account's family only). */
const ACCOUNTS = 10;
const CONCURRENCY = 10;
/** Settle transactions run directly, and whole charges run in-process. */
const SETTLES = 1000;
const CHARGES = 500;
const AMOUNT_EUROS = 10;
const AMOUNT_MICROS = AMOUNT_EUROS * 1_000_000;
const GOAL = 0.5;

type Record = (row: { engine: string; path: string; figure: string; p99?: string; ratio?: string; goal?: string; met?: string; failed?: string }) => void;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Payer {
  apiKey: string;
  userId: string;
  name: string;
  methodId: string;
  methodLabel: string;
  cookie: string;
  csrf: string;
}

const benchCard = { brand: 'Visa', last4: '4242', exp_month: 12, exp_year: 2030 };

/**
 * Stores a sandbox card that always succeeds for the account, written into the tables as the card
 * form's tokenisation would leave it (a token and fingerprint of its own). Returns the method's id.
 */
export async function storeSucceedingCard(ctx: AppContext, apiKey: string, billingName: string): Promise<string> {
  const now = new Date().toISOString();
  const token = `tok_bench_topup_${apiKey}`;
  const methodId = newId();
  await inTransaction(ctx.database, async (tx) => {
    await tx.insertInto('sandbox_cards').values({ token, fingerprint: `fp_bench_topup_${apiKey}`, ...benchCard, behaviour: 'succeed', created_at: now }).execute();
    await tx
      .insertInto('payment_methods')
      .values({
        id: methodId,
        primary_api_key: apiKey,
        type: 'card',
        processor: 'sandbox',
        processor_ref: token,
        fingerprint: `fp_bench_topup_${apiKey}`,
        ...benchCard,
        paypal_email: null,
        is_default: 1,
        billing_name: billingName,
        billing_line1: '1 Bench Street',
        billing_city: 'London',
        billing_postcode: 'SW1A 1AA',
        billing_country: 'GB',
        created_at: now,
      })
      .execute();
  });
  return methodId;
}

/**
 * Registers `ACCOUNTS` companies (registerCompany, so each has its own key drawn unused, its owner
 * and its €2 test credit), stores a sandbox card that always succeeds for each, and signs each
 * owner in through the server.
 */
async function payers(ctx: AppContext, origin: string): Promise<Payer[]> {
  const password = 'bench top-up password';
  const passwordHash = await hashSecret(password);
  const run = newId();
  const stamp = String(Date.now() % 1000).padStart(3, '0');
  const result: Payer[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const email = `topup${i}.${run}@example.com`;
    const name = `Top-up payer ${i}`;
    const company = await registerCompany(ctx, { companyName: `Bench top-up ${i}`, name, email, passwordHash, phone: `+447402${String(i).padStart(3, '0')}${stamp}` });
    const methodId = await storeSucceedingCard(ctx, company.apiKey, name);
    const signIn = await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (!signIn.ok) throw new Error(`top-up bench: sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const session = (await signIn.json()) as { csrf_token: string };
    result.push({
      apiKey: company.apiKey,
      userId: company.userId,
      name,
      methodId,
      methodLabel: methodLabel({ type: 'card', brand: benchCard.brand, last4: benchCard.last4, paypal_email: null }),
      cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0],
      csrf: session.csrf_token,
    });
  }
  return result;
}

/** `count` payments in `processing`, as chargeStoredMethod records them before it asks the processor. */
async function processingPayments(ctx: AppContext, accounts: Payer[], count: number): Promise<{ id: string; payer: Payer }[]> {
  const now = new Date().toISOString();
  const payments = Array.from({ length: count }, (_, i) => ({ id: newId(), payer: accounts[i % accounts.length] }));
  for (let start = 0; start < count; start += 250) {
    await ctx.db
      .insertInto('payments')
      .values(
        payments.slice(start, start + 250).map(({ id, payer }) =>
          newPaymentRow({
            id,
            primary_api_key: payer.apiKey,
            method_id: payer.methodId,
            method_type: 'card',
            method_label: payer.methodLabel,
            amount_micros: AMOUNT_MICROS,
            status: 'processing',
            idempotency_owner: `user:${payer.userId}`,
            idempotency_key: `bench-settle-${id}`,
            request_hash: `bench-settle-${id}`,
            initiated_by: `user:${payer.userId}`,
            now,
          }),
        ),
      )
      .execute();
  }
  return payments;
}

/**
 * Issue 12's row: one-click top-ups through HTTP (`POST /api/billing/top-ups` with a stored sandbox
 * card, a session, its CSRF header and a fresh Idempotency-Key each) against the settle transaction
 * they end in run directly — applyOutcome on a `processing` payment: the guarded status change, the
 * ledger entry, the balance, the payment's balance_after and the activity entry, in one transaction.
 * A third figure, chargeStoredMethod in-process (the route's call without HTTP: the payment claimed,
 * the sandbox charge, then the same transaction), shows where the difference goes. Every account,
 * card and key is new to this run; the accounts stay until the bench drops its database.
 */
export async function benchTopUps(engine: string, ctx: AppContext, server: { origin: string }, record: Record): Promise<void> {
  const accounts = await payers(ctx, server.origin);
  let turn = 0;
  const http = await load({
    url: server.origin,
    connections: CONCURRENCY,
    requests: [
      {
        method: 'POST',
        path: '/api/billing/top-ups',
        setupRequest: (request: autocannon.Request) => {
          const payer = accounts[turn++ % accounts.length];
          return {
            ...request,
            headers: { cookie: payer.cookie, 'x-csrf-token': payer.csrf, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ method_id: payer.methodId, amount: AMOUNT_EUROS }),
          };
        },
      },
    ],
  });

  const open = await processingPayments(ctx, accounts, SETTLES);
  const settles = await rate(SETTLES, CONCURRENCY, (i) =>
    applyOutcome(ctx, open[i].id, { status: 'succeeded', chargeRef: `ch_bench_${open[i].id}` }, userAuthor({ id: open[i].payer.userId, name: open[i].payer.name }, '127.0.0.1')),
  );

  const charges = await rate(CHARGES, CONCURRENCY, async (i) => {
    const payer = accounts[i % accounts.length];
    const payment = await chargeStoredMethod(ctx, {
      primaryApiKey: payer.apiKey,
      methodId: payer.methodId,
      amountMicros: AMOUNT_MICROS,
      idempotency: { owner: `user:${payer.userId}`, key: randomUUID() },
      initiatedBy: `user:${payer.userId}`,
      author: userAuthor({ id: payer.userId, name: payer.name }, '127.0.0.1'),
      offSession: false,
    });
    if (payment.status !== 'settled') throw new Error(`top-up bench: a sandbox success card's payment ended ${payment.status}`);
  });

  const ratio = http.requestsPerSecond / settles;
  record({
    engine,
    path: `one-click top-up, ${ACCOUNTS} accounts (HTTP, Idempotency-Key each)`,
    figure: `${fmt(http.requestsPerSecond)} req/s`,
    p99: `p99 ${fmt(http.p99)} ms`,
    ratio: `${fmt(ratio, 2)} of the settle tx run directly`,
    goal: `goal ≥ ${GOAL}`,
    met: ratio >= GOAL && http.non2xx + http.errors === 0 ? 'met' : 'NOT MET',
    failed: `${http.non2xx + http.errors} failed`,
  });
  record({ engine, path: 'top-up settle tx, applyOutcome() in-process', figure: `${fmt(settles)} tx/s` });
  record({ engine, path: 'top-up, chargeStoredMethod() in-process', figure: `${fmt(charges)} top-ups/s`, ratio: `${fmt(charges / settles, 2)} of the settle tx run directly` });
}
