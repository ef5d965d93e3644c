import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidFor } from '../modules/numbers/inventory.js';
import { basic } from '../testing/basic-auth.js';
import { signUpVerified } from '../testing/identity-fixtures.js';
import { runAdmin } from '../testing/run-admin.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

describe('operator CLI: add-numbers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const countIn = async (country: string, type: 'mobile-lvn') =>
    Number((await t.ctx.db.selectFrom('numbers').select((eb) => eb.fn.countAll<number>().as('n')).where('country', '=', country).where('type', '=', type).executeTakeFirstOrThrow()).n);

  it('adds new valid numbers of the country and type with the given features and cost, different ones each time', async () => {
    const before = await countIn('GB', 'mobile-lvn');
    const args = ['add-numbers', '--country', 'GB', '--type', 'mobile-lvn', '--features', 'VOICE,SMS', '--cost', '0.90', '--count', '500'];
    const first = await runAdmin(t.url, args);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ added: 500 });
    expect((await runAdmin(t.url, args)).code).toBe(0);
    expect(await countIn('GB', 'mobile-lvn')).toBe(before + 1000);
    const added = await t.ctx.db.selectFrom('numbers').selectAll().where('msisdn', '=', JSON.parse(first.stdout).first).executeTakeFirstOrThrow();
    expect(added).toMatchObject({ country: 'GB', type: 'mobile-lvn', features: 'SMS,VOICE', monthly_cost_micros: 900_000, setup_price_micros: 0, owner_api_key: null });
    expect(isValidFor(added.msisdn, 'GB', 'mobile-lvn')).toBe(true);
  });

  it('keeps a cost finer than a cent exact on the wire', async () => {
    const result = await runAdmin(t.url, ['add-numbers', '--country', 'IE', '--type', 'mobile-lvn', '--features', 'SMS', '--cost', '0.905', '--setup', '1', '--count', '1']);
    expect(result.code, result.stderr).toBe(0);
    const { first } = JSON.parse(result.stdout) as { first: string };
    const owner = await signUpVerified(t.app, t.ctx);
    const search = await t.app.inject({ url: `/number/search?country=IE&pattern=${first}`, headers: { authorization: basic(owner.apiKey, owner.apiSecret) } });
    expect(search.json().numbers).toEqual([expect.objectContaining({ msisdn: first, cost: '0.905', initialPrice: '1.00', features: ['SMS'] })]);
  });

  it('refuses unknown types, features, costs and countries without a known range', async () => {
    const run = (...args: string[]) => runAdmin(t.url, ['add-numbers', '--country', 'GB', '--type', 'mobile-lvn', '--features', 'SMS', '--cost', '1', '--count', '1', ...args]);
    expect((await run('--type', 'fax')).stderr).toMatch(/--type/);
    expect((await run('--features', 'FAX')).stderr).toMatch(/--features/);
    expect((await run('--cost', 'abc')).stderr).toMatch(/--cost/);
    const unknown = await run('--country', 'ZZ');
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringMatching(/No number range is known for ZZ/)]);
  });
});
