import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { basic } from '../testing/basic-auth.js';
import { runAdmin } from '../testing/run-admin.js';
import { openTestDatabase } from '../testing/test-database.js';
import { verifyLedger } from './ledger/verify-ledger.js';

/**
 * kill -9: the real server process, under concurrent transfers with Idempotency-Keys, is killed in
 * the middle of the load and started again on the same database. Every request is then retried with
 * its key: every acknowledged transfer is there and replayed unchanged, each key moved money at most
 * once, nothing refused left a trace, and the ledger verifies.
 */

// Production refuses to start without one; the restarted server must read what the first one wrote.
const encryptionKey = randomBytes(32).toString('base64');

interface Server {
  origin: string;
  child: ChildProcess;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: 'https://console.example.com',
      MAIL_TRANSPORT: 'outbox',
      ENCRYPTION_KEY: encryptionKey,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening) resolve(listening[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  return { origin, child };
}

async function stop(server: Server, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill(signal);
  await exited;
}

interface Transfer {
  key: string;
  kind: 'credit-transfers' | 'balance-transfers';
  body: { from: string; to: string; amount: number; reference: string };
}

interface Answer {
  status: number;
  body: unknown;
}

describe('kill -9 in the middle of concurrent transfers, then every request retried with its key', () => {
  let database: DatabaseHandle;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let server: Server | null = null;
  beforeAll(async () => {
    ({ database, url: databaseUrl, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    if (server) await stop(server, 'SIGKILL');
    await drop();
  });

  it('replays what was acknowledged, applies each key at most once, and the ledger verifies', async () => {
    const created = await runAdmin(databaseUrl, ['create-account', '--email', 'crash@example.com', '--password', 'a long crash password 1', '--company', 'Crash Ltd', '--phone', '+447400123987']);
    expect(created.code, created.stderr).toBe(0);
    const primary = JSON.parse(created.stdout.trim().split('\n').at(-1)!) as { api_key: string; api_secret: string };
    expect((await runAdmin(databaseUrl, ['topup', '--account', primary.api_key, '--amount', '30'])).code).toBe(0);
    expect((await runAdmin(databaseUrl, ['set-credit-limit', '--account', primary.api_key, '--limit', '-20'])).code).toBe(0);

    server = await startServer(databaseUrl);
    const auth = basic(primary.api_key, primary.api_secret);
    const call = async (origin: string, method: string, path: string, body?: object, key?: string): Promise<Answer> => {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: await response.json() };
    };
    const subaccounts: string[] = [];
    for (const name of ['North', 'South', 'East']) {
      const sub = await call(server.origin, 'POST', `/accounts/${primary.api_key}/subaccounts`, { name, use_primary_account_balance: false });
      expect(sub.status).toBe(200);
      subaccounts.push((sub.body as { api_key: string }).api_key);
    }
    const before = await verifyLedger(database.db);
    const balancesBefore = await balances(database, primary.api_key);

    // €1.25 to each subaccount in turn (until the €30 and the credit run out), €1 back from one (refused while it
    // holds less), and €1.50 of credit lent to one (until the €20 of credit run out).
    const transfers: Transfer[] = Array.from({ length: 150 }, (_, i) => {
      const key = `crash-${i}`;
      const sub = subaccounts[i % 3];
      if (i % 5 === 4) return { key, kind: 'credit-transfers', body: { from: primary.api_key, to: sub, amount: 1.5, reference: key } };
      if (i % 5 === 3) return { key, kind: 'balance-transfers', body: { from: sub, to: primary.api_key, amount: 1, reference: key } };
      return { key, kind: 'balance-transfers', body: { from: primary.api_key, to: sub, amount: 1.25, reference: key } };
    });
    const post = (origin: string, transfer: Transfer) => call(origin, 'POST', `/accounts/${primary.api_key}/${transfer.kind}`, transfer.body, transfer.key);

    // The load: 16 at a time; the server is killed once 40 have been answered, with others in flight.
    const acknowledged = new Map<string, Answer>();
    const inFlight = new Set<string>();
    const first = server;
    let next = 0;
    let killed: Promise<void> | null = null;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < transfers.length) {
          const transfer = transfers[next++];
          const sentBeforeTheKill = killed === null;
          try {
            acknowledged.set(transfer.key, await post(first.origin, transfer));
            if (acknowledged.size === 40) killed = stop(first, 'SIGKILL');
          } catch {
            // Unanswered: sent before the kill (in flight), or refused a connection after it.
            if (sentBeforeTheKill) inFlight.add(transfer.key);
          }
        }
      }),
    );
    await killed;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);
    expect(inFlight.size).toBeGreaterThan(0);

    // Started again on the same database, every request is retried with its key.
    server = await startServer(databaseUrl);
    const second = server;
    const final = new Map<string, Answer>();
    next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < transfers.length) {
          const transfer = transfers[next++];
          final.set(transfer.key, await post(second.origin, transfer));
        }
      }),
    );

    // An accepted transfer is replayed as it was answered. A refusal stores no key (its transaction
    // rolled back), so its retry is a first attempt again and may be accepted now: once, as below.
    const acceptedAtFirst = [...acknowledged].filter(([, answer]) => answer.status === 200);
    expect(acceptedAtFirst.length).toBeGreaterThan(0);
    for (const [key, answer] of acceptedAtFirst) expect(final.get(key), `replay of ${key}`).toEqual(answer);
    const statuses = [...final.values()].map((answer) => answer.status);
    expect(statuses.every((status) => status === 200 || status === 403), JSON.stringify([...final])).toBe(true);
    expect(statuses.filter((status) => status === 403).length).toBeGreaterThan(0);

    // Each key is one transfer when it was accepted and none when it was refused.
    const rows = await database.db.selectFrom('transfers').select(['id', 'reference', 'kind', 'from_api_key', 'to_api_key', 'amount_micros']).where('primary_api_key', '=', primary.api_key).execute();
    const byReference = new Map<string, typeof rows>();
    for (const row of rows) byReference.set(row.reference, [...(byReference.get(row.reference) ?? []), row]);
    for (const transfer of transfers) {
      const answer = final.get(transfer.key)!;
      const stored = byReference.get(transfer.key) ?? [];
      if (answer.status === 200) {
        expect(stored, transfer.key).toHaveLength(1);
        expect((answer.body as { id: string }).id).toBe(stored[0].id);
      } else {
        expect(stored, transfer.key).toEqual([]);
      }
    }
    const ledgerTransfers = await database.db.selectFrom('ledger_entries').select('transfer_id').where('kind', '=', 'balance_transfer').where('primary_api_key', '=', primary.api_key).execute();
    const accepted = transfers.filter((transfer) => transfer.kind === 'balance-transfers' && final.get(transfer.key)!.status === 200);
    expect(ledgerTransfers).toHaveLength(2 * accepted.length);

    // Balances are what the accepted balance transfers make of them; no money was made or lost.
    const expected = new Map(balancesBefore);
    for (const { body } of accepted) {
      const micros = Math.round(body.amount * 1_000_000);
      expected.set(body.from, expected.get(body.from)! - micros);
      expected.set(body.to, expected.get(body.to)! + micros);
    }
    expect(await balances(database, primary.api_key)).toEqual(expected);
    const after = await verifyLedger(database.db);
    expect(after.ok, JSON.stringify(after)).toBe(true);
    expect([after.moneyInMicros, after.moneySpentMicros, after.balancesMicros]).toEqual([before.moneyInMicros, before.moneySpentMicros, before.balancesMicros]);
  }, 180_000);
});

async function balances(database: DatabaseHandle, primaryApiKey: string): Promise<Map<string, number>> {
  const rows = await database.db.selectFrom('accounts').select(['api_key', 'balance_micros']).where('primary_api_key', '=', primaryApiKey).execute();
  return new Map(rows.map((row) => [row.api_key, Number(row.balance_micros)]));
}
