import { expect } from 'vitest';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import type { TestApp } from '../../testing/test-app.js';
import { topUpByOperator } from '../account/operator.js';
import { setDemo, ukMobile } from '../sms/sms-test-helpers.js';

/** Test support for the statements module (not a test file itself). */

const DAY = 24 * 60 * 60 * 1000;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** The first instant of the month after `date`'s, UTC. */
export const nextMonthStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
export const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/**
 * A family busy in one month (`month`): before it a sign-up and a top-up (the opening balance); in it a
 * top-up, SMS to several countries sent by the primary, by a subaccount sharing its balance and by one
 * with its own, numbers rented by all three (the shared one's paid by the primary), balance transfers
 * both ways; after it one more SMS, which the month's statement must leave out.
 */
export async function busyFamily(t: TestApp) {
  const owner = await signUpVerified(t.app, t.ctx);
  const auth = (apiKey: string, apiSecret: string) => ({ authorization: basic(apiKey, apiSecret) });
  const ownerAuth = auth(owner.apiKey, owner.apiSecret);
  await topUpByOperator(t.ctx, owner.apiKey, 100_000_000, null);
  const subaccount = async (name: string, shared: boolean) => {
    const created = await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, payload: { name, use_primary_account_balance: shared }, headers: ownerAuth });
    expect(created.statusCode, created.body).toBe(200);
    const body = created.json() as { api_key: string; secret: string };
    await setDemo(t, body.api_key, false);
    return { apiKey: body.api_key, apiSecret: body.secret };
  };
  const shared = await subaccount('Shared Ltd', true);
  const own = await subaccount('Own GmbH', false);

  const month = nextMonthStart(t.clock.now());
  t.clock.advance(month.getTime() - t.clock.now().getTime() + DAY);

  const sms = async (account: { apiKey: string; apiSecret: string }, to: string) => {
    const sent = await t.app.inject({ method: 'POST', url: '/sms/json', payload: { from: 'Acme', to, text: 'Statement test', api_key: account.apiKey, api_secret: account.apiSecret } });
    expect(sent.json().messages[0].status, sent.body).toBe('0');
    t.clock.advance(60_000);
  };
  const buy = async (country: string, target?: string) => {
    const number = await t.ctx.db
      .selectFrom('numbers')
      .select('msisdn')
      .where('country', '=', country)
      .where('owner_api_key', 'is', null)
      .where('requires_local_address', '=', 0)
      .orderBy('msisdn')
      .executeTakeFirstOrThrow();
    const payload = new URLSearchParams({ country, msisdn: number.msisdn, ...(target ? { target_api_key: target } : {}) }).toString();
    const bought = await t.app.inject({ method: 'POST', url: '/number/buy', headers: { ...ownerAuth, ...form }, payload });
    expect(bought.statusCode, bought.body).toBe(200);
    t.clock.advance(60_000);
    return number.msisdn;
  };
  const transfer = async (from: string, to: string, amount: number) => {
    const moved = await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/balance-transfers`, headers: ownerAuth, payload: { from, to, amount } });
    expect(moved.statusCode, moved.body).toBe(200);
    t.clock.advance(60_000);
  };

  await topUpByOperator(t.ctx, owner.apiKey, 50_000_000, null);
  await transfer(owner.apiKey, own.apiKey, 20);
  await sms(owner, ukMobile());
  await sms(shared, ukMobile());
  await sms(shared, ukMobile());
  await sms(shared, '4915112345678');
  await sms(own, '33612345678');
  const numbers = { owner: await buy('GB'), shared: await buy('FR', shared.apiKey), own: await buy('NL', own.apiKey) };
  await transfer(own.apiKey, owner.apiKey, 5);

  t.clock.advance(nextMonthStart(t.clock.now()).getTime() - t.clock.now().getTime() + DAY);
  await sms(shared, ukMobile());
  return { owner, shared, own, numbers, month: monthOf(month), from: month.toISOString(), to: nextMonthStart(month).toISOString() };
}

/** A CSV file's rows (after the BOM); the files under test quote nothing. */
export const csvRows = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
