import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { configSchema } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { balanceOf, basic, setBalance, smsAccount, smsBody, ukMobile } from '../modules/sms/sms-test-helpers.js';
import { signUpVerified } from '../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// A client retrying through a load balancer while its first attempt still runs: the twin must get the
// original's answer, never a verdict of its own (Idempotency-Key draft; issue: 403 for a transfer that happened).
// Two servers share PostgreSQL; two SQLite servers would be two processes (one process's synchronous
// busy wait would stall the other server in it), and SQLite's write lock serialises them as it does one.
const setups = process.env.TEST_DIALECT === 'postgres' ? (['one server', 'two servers'] as const) : (['one server'] as const);

describe('identical requests with one Idempotency-Key at the same moment', () => {
  let t: TestApp;
  let other: { app: FastifyInstance; database: DatabaseHandle } | undefined;
  beforeAll(async () => {
    t = await createTestApp();
    if (!setups.includes('two servers' as never)) return;
    // A second server on the same PostgreSQL schema.
    const database = await openDatabase(t.url);
    const config = configSchema.parse({ NODE_ENV: 'test', DATABASE_URL: t.url });
    const { app } = await buildApp({ config, database, clock: t.clock, staticRoot: null, logger: false });
    await app.ready();
    other = { app, database };
  });
  afterAll(async () => {
    await other?.app.close();
    await other?.database.close();
    await t.close();
  });

  const servers = (where: 'one server' | 'two servers') => (where === 'one server' ? [t.app, t.app] : [t.app, other!.app]);

  describe.each(setups)('on %s', (where) => {
    it('a balance transfer of all the money: both twins answer the one transfer that happened', async () => {
      const primary = await signUpVerified(t.app, t.ctx);
      const auth = { authorization: basic(primary.apiKey, primary.apiSecret) };
      const sub = (
        await t.app.inject({ method: 'POST', url: `/accounts/${primary.apiKey}/subaccounts`, headers: auth, payload: { name: 'Twin', use_primary_account_balance: false } })
      ).json().api_key as string;
      const twins = (key: string, from: string, to: string) =>
        Promise.all(
          servers(where).map((app) =>
            app.inject({ method: 'POST', url: `/accounts/${primary.apiKey}/balance-transfers`, headers: { ...auth, 'idempotency-key': key }, payload: { from, to, amount: 2 } }),
          ),
        );

      for (let round = 0; round < 4; round++) {
        for (const [from, to] of [[primary.apiKey, sub], [sub, primary.apiKey]]) {
          const [first, second] = await twins(`${where}-${round}-${from}`, from, to);
          expect([first.statusCode, second.statusCode], `${first.body} / ${second.body}`).toEqual([200, 200]);
          expect(second.json()).toEqual(first.json());
          expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
          expect(await balanceOf(t, to)).toBe(2_000_000);
          expect(await balanceOf(t, from)).toBe(0);
        }
      }
    });

    it('an SMS the balance pays for once: both twins answer the one message that was sent and charged', async () => {
      const { apiKey, apiSecret } = await smsAccount(t, { demo: false });
      const to = ukMobile();
      for (let round = 0; round < 4; round++) {
        await setBalance(t, apiKey, 41_000);
        const responses: LightMyRequestResponse[] = await Promise.all(
          servers(where).map((app) =>
            app.inject({
              method: 'POST',
              url: '/sms/json',
              payload: { to, from: 'AcmeInc', text: `Your code is ${round}` },
              headers: { authorization: basic(apiKey, apiSecret), 'idempotency-key': `${where}-sms-${round}` },
            }),
          ),
        );
        const [first, second] = responses.map((response) => smsBody(response).messages[0]);
        expect([first.status, second.status]).toEqual(['0', '0']);
        expect(second['message-id']).toBe(first['message-id']);
        expect(await balanceOf(t, apiKey)).toBe(0);
      }
      expect(await t.ctx.outbox.list({ recipient: `+${to}` })).toHaveLength(4);
    });
  });
});
