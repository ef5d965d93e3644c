import type { AppContext } from '../server/context.js';
import { inTransaction } from '../server/db/database.js';
import { runAutoReloads } from '../server/modules/auto-reload/reload.js';
import { newApiKey, newId } from '../server/platform/ids.js';

const ACCOUNTS = 10_000;
/** Accounts below their threshold in the window: each is charged (a sandbox card that succeeds) and credited. */
const DUE = 100;
const COMPANY = 'Bench auto-reload';
const GOAL_MS = 2000;

type Record = (row: { engine: string; path: string; figure: string; goal?: string; met?: string }) => void;

/**
 * One pass of the 10-minute auto-reload job over 10 000 accounts with auto-reload armed, 100 of them
 * below their threshold (each claimed, charged through chargeStoredMethod and credited through the
 * ledger), then the quiet pass after it (nothing due). Everything it made — accounts, cards, payments,
 * ledger and activity entries — is removed again, so the figures measured after it see the database
 * as before.
 */
export async function benchAutoReloadJob(engine: string, ctx: AppContext, record: Record): Promise<void> {
  const now = new Date().toISOString();
  const keys = Array.from({ length: ACCOUNTS }, () => newApiKey());
  for (let start = 0; start < ACCOUNTS; start += 500) {
    const batch = keys.slice(start, start + 500).map((apiKey, i) => ({ apiKey, index: start + i, methodId: newId(), token: `tok_bench_${apiKey}` }));
    await inTransaction(ctx.database, async (tx) => {
      await tx
        .insertInto('accounts')
        .values(
          batch.map(({ apiKey, index }) => ({
            api_key: apiKey,
            primary_api_key: apiKey,
            name: `Reloaded ${index}`,
            company_name: COMPANY,
            phone: null,
            use_primary_account_balance: 0,
            // No ledger entries: the rows are removed before anything verifies the ledger.
            balance_micros: index % (ACCOUNTS / DUE) === 0 ? 5_000_000 : 50_000_000,
            credit_limit_micros: 0,
            suspended: 0,
            demo: 0,
            auto_reload: 1,
            created_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('sandbox_cards')
        .values(batch.map(({ apiKey, token }) => ({ token, fingerprint: `fp_bench_${apiKey}`, brand: 'Visa', last4: '4242', exp_month: 12, exp_year: 2030, behaviour: 'succeed', created_at: now })))
        .execute();
      await tx
        .insertInto('payment_methods')
        .values(
          batch.map(({ apiKey, methodId, token }) => ({
            id: methodId,
            primary_api_key: apiKey,
            type: 'card' as const,
            processor: 'sandbox',
            processor_ref: token,
            fingerprint: `fp_bench_${apiKey}`,
            brand: 'Visa',
            last4: '4242',
            exp_month: 12,
            exp_year: 2030,
            paypal_email: null,
            is_default: 1,
            billing_name: 'Bench',
            billing_line1: '1 Bench Street',
            billing_city: 'London',
            billing_postcode: 'SW1A 1AA',
            billing_country: 'GB',
            created_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('auto_reloads')
        .values(
          batch.map(({ apiKey, methodId }) => ({
            primary_api_key: apiKey,
            state: 'armed' as const,
            method_id: methodId,
            amount_micros: 20_000_000,
            threshold_micros: 10_000_000,
            retry_at: null,
            charge_key: null,
            failure_code: null,
            failure_message: null,
            failed_at: null,
            last_payment_id: null,
            updated_at: now,
          })),
        )
        .execute();
    });
  }
  const mine = ctx.db.selectFrom('accounts').select('api_key').where('company_name', '=', COMPANY);
  try {
    const window = new Date(Math.floor(Date.now() / 600_000) * 600_000);
    const timed = async () => {
      const started = performance.now();
      const outcome = await runAutoReloads(ctx, window);
      return { ms: performance.now() - started, outcome };
    };
    const first = await timed();
    record({
      engine,
      path: `auto-reload job pass, ${ACCOUNTS.toLocaleString('en-GB')} accounts armed (${first.outcome.settled} reloaded)`,
      figure: `${Math.round(first.ms).toLocaleString('en-GB')} ms`,
      goal: `goal < ${GOAL_MS.toLocaleString('en-GB')} ms`,
      met: first.ms < GOAL_MS && first.outcome.settled === DUE ? 'met' : 'NOT MET',
    });
    const quiet = await timed();
    record({
      engine,
      path: `auto-reload job pass, ${ACCOUNTS.toLocaleString('en-GB')} accounts armed (nothing due)`,
      figure: `${Math.round(quiet.ms).toLocaleString('en-GB')} ms`,
      goal: `goal < ${GOAL_MS.toLocaleString('en-GB')} ms`,
      met: quiet.ms < GOAL_MS && quiet.outcome.charged === 0 ? 'met' : 'NOT MET',
    });
  } finally {
    await ctx.db.deleteFrom('sandbox_charges').where('source', 'like', 'tok_bench_%').execute();
    await ctx.db.deleteFrom('sandbox_cards').where('token', 'like', 'tok_bench_%').execute();
    for (const table of ['payments', 'payment_methods', 'auto_reloads', 'ledger_entries', 'activity_entries'] as const) {
      await ctx.db.deleteFrom(table).where('primary_api_key', 'in', mine).execute();
    }
    await ctx.db.deleteFrom('accounts').where('company_name', '=', COMPANY).execute();
  }
}
