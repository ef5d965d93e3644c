import type { Job } from '../../jobs/job.js';
import { computeStatement, monthAfter } from './statement.js';
import { previousMonth, storeStatement } from './statements-store.js';

/**
 * On the 1st of each month (00:15 UTC) every family that existed during the month just ended gets that
 * month's statement, stored once. A retried run takes up where the failed one stopped.
 */
export const monthlyStatementsJob: Job = {
  name: 'monthly-statements',
  schedule: '0 15 0 1 * *',
  kind: 'period',
  async run(ctx, { period }) {
    const month = previousMonth(period);
    const end = monthAfter(month).toISOString();
    const families = await ctx.db
      .selectFrom('accounts as a')
      .select('a.api_key')
      .whereRef('a.api_key', '=', 'a.primary_api_key')
      .where('a.created_at', '<', end)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('statements as s').select('s.month').whereRef('s.primary_api_key', '=', 'a.api_key').where('s.month', '=', month))))
      .orderBy('a.api_key')
      .execute();
    for (const family of families) await storeStatement(ctx.db, await computeStatement(ctx.db, { primaryApiKey: family.api_key, month }, ctx.clock.now()));
    return `${families.length} statements for ${month}`;
  },
};
