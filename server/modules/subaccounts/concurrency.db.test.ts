import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eurosToMicros } from '../../../contract/money.js';
import { setCreditLimit, topUpByOperator } from '../account/operator.js';
import { verifyLedger } from '../../platform/ledger/verify-ledger.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { basic } from '../../testing/basic-auth.js';

describe('hundreds of concurrent transfers among a primary and 20 subaccounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never creates or loses money, never breaks a limit, and lists exactly the transfers that succeeded', async () => {
    const primary = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(primary.apiKey, primary.apiSecret) };
    await setCreditLimit(t.ctx, primary.apiKey, -300_000_000);
    await topUpByOperator(t.ctx, primary.apiKey, 200_000_000, 'seed');
    const subs: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await t.app.inject({ method: 'POST', url: `/accounts/${primary.apiKey}/subaccounts`, headers: auth, payload: { name: `Customer ${i}`, use_primary_account_balance: false } });
      subs.push(created.json().api_key);
    }
    const snapshot = async () =>
      new Map(
        (await t.ctx.db.selectFrom('accounts').select(['api_key', 'balance_micros', 'credit_limit_micros']).where('primary_api_key', '=', primary.apiKey).execute()).map((a) => [
          a.api_key,
          { balance: a.balance_micros, credit: a.credit_limit_micros },
        ]),
      );
    const before = await snapshot();

    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const requests = Array.from({ length: 400 }, () => {
      const sub = subs[Math.floor(random() * subs.length)];
      const outward = random() < 0.6;
      const kind = random() < 0.5 ? 'credit' : 'balance';
      const amount = (Math.round(random() * 4000) + 1) / 100;
      return { kind, from: outward ? primary.apiKey : sub, to: outward ? sub : primary.apiKey, amount };
    });
    const responses = await Promise.all(
      requests.map((r) =>
        t.app.inject({ method: 'POST', url: `/accounts/${primary.apiKey}/${r.kind}-transfers`, headers: auth, payload: { from: r.from, to: r.to, amount: r.amount } }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s !== 200 && s !== 403)).toEqual([]);
    const succeeded = requests.filter((_, i) => statuses[i] === 200);
    expect(succeeded.length).toBeGreaterThan(50);
    expect(succeeded.length).toBeLessThan(requests.length);

    const expected = new Map([...before].map(([key, value]) => [key, { ...value }]));
    for (const r of succeeded) {
      const micros = eurosToMicros(r.amount)!;
      const field = r.kind === 'credit' ? 'credit' : 'balance';
      const sign = r.kind === 'credit' ? -1 : 1;
      expected.get(r.from)![field] -= sign * micros;
      expected.get(r.to)![field] += sign * micros;
    }
    const after = await snapshot();
    expect(after).toEqual(expected);
    for (const account of after.values()) {
      expect(account.credit).toBeLessThanOrEqual(0);
      expect(account.balance).toBeGreaterThanOrEqual(account.credit);
    }
    const sum = (m: Map<string, { balance: number; credit: number }>, f: 'balance' | 'credit') => [...m.values()].reduce((s, a) => s + a[f], 0);
    expect(sum(after, 'balance')).toBe(sum(before, 'balance'));
    expect(sum(after, 'credit')).toBe(sum(before, 'credit'));

    const listed = async (kind: string) =>
      (await t.app.inject({ url: `/accounts/${primary.apiKey}/${kind}-transfers?start_date=2000-01-01T00:00:00Z`, headers: auth })).json()._embedded[`${kind}_transfers`]
        .map((x: { id: string }) => x.id)
        .sort();
    const okIds = (kind: string) => responses.filter((_, i) => statuses[i] === 200 && requests[i].kind === kind).map((r) => r.json().id).sort();
    expect(await listed('credit')).toEqual(okIds('credit'));
    expect(await listed('balance')).toEqual(okIds('balance'));

    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
  });
});
