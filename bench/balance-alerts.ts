import type { AppContext } from '../server/context.js';
import { inTransaction } from '../server/db/database.js';
import { checkBalanceAlerts } from '../server/modules/balance-alerts/check-alerts.js';
import { newApiKey } from '../server/platform/ids.js';

const ACCOUNTS = 10_000;
const COMPANY = 'Bench balance alerts';
const GOAL_MS = 2000;

type Record = (row: { engine: string; path: string; figure: string; goal?: string; met?: string }) => void;

/**
 * One pass of the hourly balance-alerts job over 10 000 accounts with an alert on, half of them just
 * below their threshold (5 000 alerts: each claimed and its e-mail queued), then the quiet pass after
 * it (nothing new to send). The accounts, alerts and queued e-mail are removed again, so the figures
 * measured after this one see the database as before.
 */
export async function benchBalanceAlertJob(engine: string, ctx: AppContext, record: Record): Promise<void> {
  const now = new Date().toISOString();
  // 10 000 random 8-hex keys beside the bench's other accounts collide now and then: draw until unique.
  const taken = new Set((await ctx.db.selectFrom('accounts').select('api_key').execute()).map((row) => row.api_key));
  const unique = new Set<string>();
  while (unique.size < ACCOUNTS) {
    const key = newApiKey();
    if (!taken.has(key)) unique.add(key);
  }
  const keys = [...unique];
  for (let start = 0; start < ACCOUNTS; start += 500) {
    const batch = keys.slice(start, start + 500);
    await inTransaction(ctx.database, async (tx) => {
      await tx
        .insertInto('accounts')
        .values(
          batch.map((apiKey, i) => ({
            api_key: apiKey,
            primary_api_key: apiKey,
            name: `Alerted ${start + i}`,
            company_name: COMPANY,
            phone: null,
            use_primary_account_balance: 0,
            balance_micros: (start + i) % 2 === 0 ? 4_000_000 : 40_000_000,
            credit_limit_micros: 0,
            suspended: 0,
            demo: 0,
            created_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('balance_alerts')
        .values(
          batch.map((apiKey) => ({
            api_key: apiKey,
            primary_api_key: apiKey,
            enabled: 1,
            threshold_micros: 10_000_000,
            recipients: JSON.stringify([`finance@${apiKey}.example.com`]),
            alerted_at: null,
            updated_at: now,
          })),
        )
        .execute();
    });
  }
  try {
    const timed = async () => {
      const started = performance.now();
      const outcome = await checkBalanceAlerts(ctx);
      return { ms: performance.now() - started, outcome };
    };
    const first = await timed();
    record({
      engine,
      path: `balance-alerts job pass, ${ACCOUNTS.toLocaleString('en-GB')} accounts (${first.outcome.alerted.toLocaleString('en-GB')} alerted)`,
      figure: `${Math.round(first.ms).toLocaleString('en-GB')} ms`,
      goal: `goal < ${GOAL_MS.toLocaleString('en-GB')} ms`,
      met: first.ms < GOAL_MS && first.outcome.alerted === ACCOUNTS / 2 ? 'met' : 'NOT MET',
    });
    const quiet = await timed();
    record({
      engine,
      path: `balance-alerts job pass, ${ACCOUNTS.toLocaleString('en-GB')} accounts (nothing new)`,
      figure: `${Math.round(quiet.ms).toLocaleString('en-GB')} ms`,
      goal: `goal < ${GOAL_MS.toLocaleString('en-GB')} ms`,
      met: quiet.ms < GOAL_MS && quiet.outcome.alerted === 0 ? 'met' : 'NOT MET',
    });
  } finally {
    await ctx.db.deleteFrom('outbox').where('recipient', 'like', 'finance@%.example.com').execute();
    await ctx.db.deleteFrom('balance_alerts').where('api_key', 'in', ctx.db.selectFrom('accounts').select('api_key').where('company_name', '=', COMPANY)).execute();
    await ctx.db.deleteFrom('accounts').where('company_name', '=', COMPANY).execute();
  }
}
