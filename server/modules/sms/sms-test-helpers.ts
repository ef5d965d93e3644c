import type { LightMyRequestResponse } from 'fastify';
import { inTransaction } from '../../db/database.js';
import { latestPin, signUpVerified } from '../../testing/identity-fixtures.js';
import type { Browser, TestApp } from '../../testing/test-app.js';
import { postLedgerEntry } from '../../platform/ledger/ledger.js';
import { createSubaccount as createSubaccountInModule } from '../subaccounts/subaccounts.js';
import { systemAuthor } from '../../platform/activity/author.js';

/** Test support for the SMS module's API tests (not a test file itself). */

export { basic } from '../../testing/basic-auth.js';

let destination = 0;
/** A fresh, valid UK mobile number (E.164 digits, no "+"), so tests never share a destination. */
export function ukMobile(): string {
  destination += 1;
  return `4474009${String((process.pid * 7 + destination) % 100_000).padStart(5, '0')}`;
}

export interface SmsAccount {
  apiKey: string;
  apiSecret: string;
  browser: Browser;
}

/** A signed-up primary account: €2 test credit, DEMO unless `demo: false`. */
export async function smsAccount(t: TestApp, options: { demo?: boolean } = {}): Promise<SmsAccount> {
  const { apiKey, apiSecret, browser } = await signUpVerified(t.app, t.ctx);
  if (options.demo === false) await setDemo(t, apiKey, false);
  return { apiKey, apiSecret, browser };
}

export async function setDemo(t: TestApp, apiKey: string, demo: boolean): Promise<void> {
  await t.ctx.db.updateTable('accounts').set({ demo: demo ? 1 : 0 }).where('api_key', '=', apiKey).execute();
}

/** Sets an account's balance through a ledger adjustment, so that the ledger still adds up. */
export async function setBalance(t: TestApp, apiKey: string, micros: number): Promise<void> {
  const account = await t.ctx.db.selectFrom('accounts').select(['balance_micros', 'primary_api_key']).where('api_key', '=', apiKey).executeTakeFirstOrThrow();
  if (account.balance_micros === micros) return;
  await inTransaction(t.ctx.database, (tx) =>
    postLedgerEntry(tx, t.clock, {
      apiKey,
      primaryApiKey: account.primary_api_key,
      kind: 'adjustment',
      amountMicros: micros - account.balance_micros,
      actor: 'operator',
    }),
  );
}

export async function balanceOf(t: TestApp, apiKey: string): Promise<number> {
  const row = await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', apiKey).executeTakeFirstOrThrow();
  return row.balance_micros;
}

export async function ledgerSum(t: TestApp, apiKey: string): Promise<number> {
  const rows = await t.ctx.db.selectFrom('ledger_entries').select('amount_micros').where('api_key', '=', apiKey).execute();
  return rows.reduce((sum, row) => sum + row.amount_micros, 0);
}

/** A subaccount created through the Subaccounts module, as the API would. */
export async function createSubaccount(t: TestApp, primaryApiKey: string, options: { shared: boolean }): Promise<{ apiKey: string; apiSecret: string }> {
  const primary = await t.ctx.db.selectFrom('accounts').selectAll().where('api_key', '=', primaryApiKey).executeTakeFirstOrThrow();
  const created = await createSubaccountInModule(t.ctx, primary, { name: 'Customer', use_primary_account_balance: options.shared }, systemAuthor('test'));
  return { apiKey: created.api_key, apiSecret: created.secret };
}

/** Adds a test number through the console and verifies it with the PIN the carrier delivered. */
export async function verifiedTestNumber(t: TestApp, browser: Browser, msisdn = ukMobile()): Promise<string> {
  const added = await browser.post('/api/test-numbers', { number: `+${msisdn}`, country: 'GB' });
  if (added.statusCode !== 201) throw new Error(`adding a test number failed: ${added.statusCode} ${added.body}`);
  const { id } = added.json() as { id: string };
  const verified = await browser.post(`/api/test-numbers/${id}/verify`, { pin: await latestPin(t.ctx, `+${msisdn}`) });
  if (verified.statusCode !== 200) throw new Error(`verifying a test number failed: ${verified.statusCode} ${verified.body}`);
  return msisdn;
}

export interface WireMessage {
  to?: string;
  'message-id'?: string;
  status: string;
  'error-text'?: string;
  'remaining-balance'?: string;
  'message-price'?: string;
  'client-ref'?: string;
}

export function smsBody(response: LightMyRequestResponse): { 'message-count': string; messages: WireMessage[] } {
  if (response.statusCode !== 200) throw new Error(`expected HTTP 200, got ${response.statusCode}: ${response.body}`);
  return response.json();
}
