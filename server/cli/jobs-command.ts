import { parseArgs } from 'node:util';
import type { AppContext } from '../context.js';
import { CliUsageError } from './cli-error.js';

/** jobs [--limit 20]: the most recent job runs with their outcome or error, and the e-mail queue. */
export async function jobsCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string' } }, strict: true });
  const limit = Number(values.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliUsageError('--limit must be a whole number from 1 to 1000');
  const runs = await ctx.db
    .selectFrom('job_runs')
    .select(['job', 'period_key as period', 'status', 'attempts', 'started_at', 'finished_at', 'next_attempt_at as next_attempt', 'outcome', 'error'])
    .orderBy('started_at', 'desc')
    .orderBy('job')
    .limit(limit)
    .execute();
  const queue = await ctx.db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['pending', 'sending', 'failed'])
    .groupBy('status')
    .execute();
  const mailQueue = { pending: 0, sending: 0, failed: 0 };
  for (const row of queue) mailQueue[row.status as keyof typeof mailQueue] = Number(row.count);
  return { runs, mail_queue: mailQueue };
}
