import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { verifyLedger } from './verify-ledger.js';

describe('verify-ledger', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('fails on a ledger row whose kind has no flow, even when it moves no money', async () => {
    const { apiKey } = await signUpVerified(t.app, t.ctx);
    expect(await verifyLedger(t.ctx.db)).toMatchObject({ ok: true, unclassifiedKinds: [], moneyInMicros: 2_000_000 });

    const row = { id: 'unclassified-1', primary_api_key: apiKey, api_key: apiKey, kind: 'mystery', amount_micros: 0, balance_after_micros: 2_000_000, reference: null, transfer_id: null, actor: 'test', created_at: t.clock.now().toISOString() };
    await t.ctx.db.insertInto('ledger_entries').values(row).execute();
    expect(await verifyLedger(t.ctx.db)).toMatchObject({ ok: false, unclassifiedKinds: ['mystery'], mismatches: [] });
    await t.ctx.db.deleteFrom('ledger_entries').where('id', '=', row.id).execute();
  });
});
