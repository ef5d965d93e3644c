import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../testing/basic-auth.js';
import { runAdmin } from '../testing/run-admin.js';
import { openTestDatabase } from '../testing/test-database.js';

/** A TCP hop in front of the real PostgreSQL that the test can take down, as a restart or failover would. */
function databaseProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(target);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as net.AddressInfo).port;
  };
  return {
    get port() {
      return port;
    },
    up: listen,
    async down() {
      const closed = new Promise((resolve) => server.close(resolve));
      sockets.forEach((socket) => socket.destroy());
      await closed;
    },
  };
}

describe.skipIf(process.env.TEST_DIALECT !== 'postgres')('the server while PostgreSQL restarts', () => {
  const applicationName = `sb_outage_${process.pid}`;
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  let proxy: ReturnType<typeof databaseProxy>;
  let server: ChildProcess;
  let output = '';
  let origin = '';
  let admin: pg.Client;
  let account: { api_key: string; api_secret: string };

  const terminateServerConnections = () =>
    admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${origin}${path}`, { ...init, headers: { authorization: basic(account.api_key, account.api_secret), 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    test = await openTestDatabase();
    const direct = new URL(test.url);
    proxy = databaseProxy({ host: direct.hostname, port: Number(direct.port) });
    await proxy.up();
    const viaProxy = new URL(test.url);
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('application_name', applicationName);

    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const created = await runAdmin(test.url, ['create-account', '--email', 'outage@example.com', '--password', 'correct horse 42', '--company', 'Outage Ltd', '--phone', '+447400999111']);
    account = JSON.parse(created.stdout);

    server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: viaProxy.toString() },
    });
    const listening = new Promise<string>((resolve) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1] as string);
      };
      server.stdout?.on('data', collect);
      server.stderr?.on('data', collect);
    });
    origin = await listening;
  });

  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await admin.end();
    await proxy.down().catch(() => undefined);
    await test.drop();
  });

  it('stays up when its connections are terminated, answers 503 while the database is away, and recovers by itself', async () => {
    const subaccount = await (await call(`/accounts/${account.api_key}/subaccounts`, { method: 'POST', body: JSON.stringify({ name: 'Branch', use_primary_account_balance: false }) })).json();
    const transfer = await call(`/accounts/${account.api_key}/balance-transfers`, {
      method: 'POST',
      body: JSON.stringify({ from: account.api_key, to: subaccount.api_key, amount: 0.5 }),
    });
    expect(transfer.status).toBe(200);

    // A restart or failover: every connection of the server is cut.
    await terminateServerConnections();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.exitCode).toBeNull();
    await expect.poll(async () => (await fetch(`${origin}/healthz`)).status, { timeout: 10_000 }).toBe(200);

    // The database goes away for a while.
    await proxy.down();
    await terminateServerConnections();
    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable' });
    const subaccounts = await call(`/accounts/${account.api_key}/subaccounts`);
    expect(subaccounts.status).toBe(503);
    expect(subaccounts.headers.get('content-type')).toContain('application/problem+json');
    expect(subaccounts.headers.get('retry-after')).toBe('5');
    expect(await subaccounts.json()).toMatchObject({ title: 'Service unavailable', detail: expect.stringMatching(/cannot reach its database/) });
    // The Account API keeps its legacy error shape.
    const balance = await call('/account/get-balance');
    expect(balance.status).toBe(503);
    expect(await balance.json()).toMatchObject({ 'error-code': '503' });
    const console = await fetch(`${origin}/api/session`, { headers: { cookie: 'sb_session=whatever' } });
    expect(console.status).toBe(503);
    const refused = await call(`/accounts/${account.api_key}/balance-transfers`, {
      method: 'POST',
      body: JSON.stringify({ from: account.api_key, to: subaccount.api_key, amount: 0.25 }),
    });
    expect(refused.status).toBe(503);
    expect(server.exitCode).toBeNull();
    // The detail goes to the log, not to the anonymous caller.
    const logged = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; err?: { code?: string } });
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'database health check failed', err: expect.objectContaining({ code: 'ECONNREFUSED' }) }));

    // It comes back: the server reconnects without a restart, and the acknowledged transfer is there.
    await proxy.up();
    await expect.poll(async () => (await fetch(`${origin}/healthz`)).status, { timeout: 10_000 }).toBe(200);
    const after = await call(`/accounts/${account.api_key}/subaccounts/${subaccount.api_key}`);
    expect(after.status).toBe(200);
    expect((await after.json()).balance).toBe(0.5);
    expect(server.exitCode).toBeNull();
    expect((await runAdmin(test.url, ['verify-ledger'])).code).toBe(0);
  });
});
