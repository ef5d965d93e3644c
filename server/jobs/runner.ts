import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { ExpressionBuilder } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { HOUR, MINUTE } from '../platform/clock.js';
import type { Job } from './job.js';
import { periodStart, scheduleOf } from './period.js';

export const MAX_ATTEMPTS = 5;
/** How long a run may take before another process presumes it died and runs the period again. */
export const RUN_LEASE = 15 * MINUTE;
/** Retries wait 1, 2, 4, 8 minutes…, at most an hour. */
export const retryDelay = (attempts: number) => Math.min(MINUTE * 2 ** (attempts - 1), HOUR);
/** How often failed runs are looked for, whatever the jobs' own schedules. */
const RETRY_SWEEP = '* * * * *';

/** A failed run whose retry is due, or a run still `running` past its lease (its process died). */
const retryDue = (now: string) => (eb: ExpressionBuilder<Database, 'job_runs'>) =>
  eb.or([
    eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<=', now)]),
    eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
  ]);

export interface JobRunReport {
  job: string;
  period: string;
  status: 'succeeded' | 'failed';
  outcome: string | null;
  error: string | null;
}

export interface JobRunner {
  /** Runs every job whose current period nobody has claimed yet, every queue, and the retries that are due. */
  runDue(): Promise<JobRunReport[]>;
  /** Fires on the jobs' schedules (and when mail is queued) until stopped. */
  start(): void;
  /** Stops the schedules and waits for the run in progress. */
  stop(): Promise<void>;
  /** Runs the queues now, in the background (work was queued outside the e-mail outbox). */
  wake(): void;
}

export function createJobRunner(options: { ctx: AppContext; jobs: Job[]; log: FastifyBaseLogger }): JobRunner {
  const { ctx, jobs, log } = options;
  const { db, clock } = ctx;
  const schedules = new Map(jobs.map((job) => [job.name, scheduleOf(job.schedule)]));
  const byName = new Map(jobs.map((job) => [job.name, job]));
  let timers: Cron[] = [];
  // One pass at a time in this process; other processes are kept out by the claims.
  let pass: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = pass.then(work, work);
    pass = next.catch(() => undefined);
    return next;
  };

  async function execute(job: Job, period: Date, attempts: number): Promise<JobRunReport> {
    const periodKey = period.toISOString();
    try {
      const outcome = await job.run(ctx, { period, log: log.child({ job: job.name }) });
      if (job.kind === 'period') {
        await db
          .updateTable('job_runs')
          .set({ status: 'succeeded', finished_at: clock.now().toISOString(), outcome, error: null, next_attempt_at: null })
          .where('job', '=', job.name)
          .where('period_key', '=', periodKey)
          .execute();
      }
      if (outcome) log.info({ job: job.name, period: periodKey, outcome }, 'job run succeeded');
      return { job: job.name, period: periodKey, status: 'succeeded', outcome, error: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = clock.now();
      if (job.kind === 'queue') {
        log.error({ err: error, job: job.name }, 'job run failed; it runs again at its next tick');
      } else {
        const retryAt = attempts < MAX_ATTEMPTS ? new Date(now.getTime() + retryDelay(attempts)).toISOString() : null;
        log.error({ err: error, job: job.name, period: periodKey, attempts, retryAt }, 'job run failed');
        await db
          .updateTable('job_runs')
          .set({ status: 'failed', finished_at: now.toISOString(), error: message, next_attempt_at: retryAt })
          .where('job', '=', job.name)
          .where('period_key', '=', periodKey)
          .execute();
      }
      return { job: job.name, period: periodKey, status: 'failed', outcome: null, error: message };
    }
  }

  /** Claims a period nobody has run; false when another runner has it. */
  async function claimNew(job: Job, periodKey: string, now: Date): Promise<boolean> {
    const claimed = await db
      .insertInto('job_runs')
      .values({
        job: job.name,
        period_key: periodKey,
        status: 'running',
        attempts: 1,
        started_at: now.toISOString(),
        lease_until: new Date(now.getTime() + RUN_LEASE).toISOString(),
        finished_at: null,
        next_attempt_at: null,
        outcome: null,
        error: null,
      })
      .onConflict((conflict) => conflict.columns(['job', 'period_key']).doNothing())
      .returning('job')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  /** Claims a failed run whose retry is due, or a run whose process died; returns its attempt number. */
  async function claimRetry(job: string, periodKey: string, now: string): Promise<number | null> {
    const claimed = await db
      .updateTable('job_runs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        started_at: now,
        lease_until: new Date(new Date(now).getTime() + RUN_LEASE).toISOString(),
        next_attempt_at: null,
      }))
      .where('job', '=', job)
      .where('period_key', '=', periodKey)
      .where(retryDue(now))
      .returning('attempts')
      .executeTakeFirst();
    return claimed?.attempts ?? null;
  }

  async function runDuePass(): Promise<JobRunReport[]> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const reports: JobRunReport[] = [];
    for (const job of jobs) {
      if (job.kind === 'queue') {
        reports.push(await execute(job, now, 1));
        continue;
      }
      const period = periodStart(schedules.get(job.name) as Cron, now);
      if (period && (await claimNew(job, period.toISOString(), now))) reports.push(await execute(job, period, 1));
    }
    const retries = await db
      .selectFrom('job_runs')
      .select(['job', 'period_key'])
      .where(retryDue(nowIso))
      .orderBy('period_key')
      .execute();
    for (const retry of retries) {
      const job = byName.get(retry.job);
      if (!job) continue;
      const attempts = await claimRetry(retry.job, retry.period_key, nowIso);
      if (attempts !== null) reports.push(await execute(job, new Date(retry.period_key), attempts));
    }
    return reports;
  }

  const runDue = () => serialised(runDuePass);
  const inBackground = (work: () => Promise<unknown>) => () => {
    work().catch((error: unknown) => log.error({ err: error }, 'job runner pass failed'));
  };
  const tick = inBackground(runDue);
  const drainQueues = inBackground(() =>
    serialised(async () => {
      for (const job of jobs) if (job.kind === 'queue') await execute(job, clock.now(), 1);
    }),
  );

  return {
    runDue,
    wake: drainQueues,
    start() {
      if (timers.length > 0) return;
      timers = [...new Set([...jobs.map((job) => job.schedule), RETRY_SWEEP])].map(
        (pattern) => new Cron(pattern, { timezone: 'UTC', protect: true }, tick),
      );
      ctx.outbox.onQueued(drainQueues);
    },
    async stop() {
      timers.forEach((timer) => timer.stop());
      timers = [];
      ctx.outbox.onQueued(null);
      await pass;
    },
  };
}
