import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

// Money partitions by family (DESIGN §3 Scale): a request of one family must never lock another's rows.
describe.skipIf(process.env.TEST_DIALECT !== 'postgres')('row locks stay inside the caller\'s family (PostgreSQL)', () => {
  let t: TestApp;
  let ours: Awaited<ReturnType<typeof signUpVerified>>;
  let theirs: Awaited<ReturnType<typeof signUpVerified>>;
  let ourSub: string;
  let theirSub: string;
  const clients: pg.Client[] = [];

  const connect = async () => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL, options: `-c search_path=${t.ctx.database.schema}` });
    await client.connect();
    clients.push(client);
    return client;
  };
  const createSub = async (owner: typeof ours) =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/accounts/${owner.apiKey}/subaccounts`,
        headers: { authorization: basic(owner.apiKey, owner.apiSecret) },
        payload: { name: 'Own balance', use_primary_account_balance: false },
      })
    ).json().api_key as string;

  beforeAll(async () => {
    t = await createTestApp();
    ours = await signUpVerified(t.app, t.ctx);
    theirs = await signUpVerified(t.app, t.ctx);
    ourSub = await createSub(ours);
    theirSub = await createSub(theirs);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await t.close();
  });

  /**
   * Holds the given rows locked in another transaction while the request runs, and reports whether
   * the request ever waited for that lock (it cannot finish while it waits, so this never guesses).
   */
  async function whileLocked(apiKeys: string[], request: () => Promise<LightMyRequestResponse>) {
    const holder = await connect();
    const observer = await connect();
    await holder.query('begin');
    await holder.query('select api_key from accounts where api_key = any($1) for update', [apiKeys]);
    const { rows } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid');
    let settled = false;
    const pending = request().finally(() => {
      settled = true;
    });
    let waitedForLock = false;
    while (!settled && !waitedForLock) {
      const blocked = await observer.query('select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [rows[0].pid]);
      waitedForLock = blocked.rowCount! > 0;
      if (!waitedForLock) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await holder.query('rollback');
    return { response: await pending, waitedForLock };
  }

  const transfer = (kind: 'credit' | 'balance', to: string) =>
    t.app.inject({
      method: 'POST',
      url: `/accounts/${ours.apiKey}/${kind}-transfers`,
      headers: { authorization: basic(ours.apiKey, ours.apiSecret) },
      payload: { from: ours.apiKey, to, amount: 0.5 },
    });

  it.each([
    ['balance', 'their primary', () => theirs.apiKey],
    ['balance', 'their subaccount', () => theirSub],
    ['credit', 'their subaccount', () => theirSub],
  ] as const)('refuses a %s transfer to %s without waiting on its row', async (kind, _name, target) => {
    const { response, waitedForLock } = await whileLocked([target()], () => transfer(kind, target()));
    expect(waitedForLock).toBe(false);
    expect(response.statusCode).toBe(403);
    expect(response.json().title).toBe('Invalid Transfer');
  });

  it('refuses to modify another family\'s subaccount without waiting on its row', async () => {
    const { response, waitedForLock } = await whileLocked([theirSub], () =>
      t.app.inject({
        method: 'PATCH',
        url: `/accounts/${ours.apiKey}/subaccounts/${theirSub}`,
        headers: { authorization: basic(ours.apiKey, ours.apiSecret) },
        payload: { suspended: true },
      }),
    );
    expect(waitedForLock).toBe(false);
    expect(response.statusCode).toBe(404);
  });

  it('does wait for a row of its own family (the observation works)', async () => {
    const { response, waitedForLock } = await whileLocked([ourSub], () => transfer('balance', ourSub));
    expect(waitedForLock).toBe(true);
    expect(response.statusCode).toBe(200);
  });
});
