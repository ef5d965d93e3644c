import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../config.js';
import { buildContext } from '../context-factory.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { ManualClock, MINUTE, systemClock, type Clock } from '../platform/clock.js';
import { runAdmin } from '../testing/run-admin.js';
import { openTestDatabase } from '../testing/test-database.js';
import type { Job } from './job.js';
import { createJobRunner, MAX_ATTEMPTS } from './runner.js';

/** A logger that keeps what was logged at error level. */
function recordingLogger(errors: object[] = []): FastifyBaseLogger {
  const logger = {
    level: 'info',
    info: () => undefined,
    warn: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
    fatal: () => undefined,
    silent: () => undefined,
    error: (detail: object) => void errors.push(detail),
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}

describe('the job runner', () => {
  let first: { database: DatabaseHandle; url: string; drop(): Promise<void> };
  let second: DatabaseHandle;
  const config = configSchema.parse({ NODE_ENV: 'test' });

  beforeAll(async () => {
    first = await openTestDatabase();
    // A second connection (pool) to the same database: another server process, as far as the database can tell.
    second = await openDatabase(first.url);
  });
  afterAll(async () => {
    await second.close();
    await first.drop();
  });

  const runnerOn = (database: DatabaseHandle, clock: Clock, jobs: Job[], errors?: object[]) =>
    createJobRunner({ ctx: buildContext(config, database, { clock }), jobs, log: recordingLogger(errors) });
  const runsOf = (job: string) => first.database.db.selectFrom('job_runs').selectAll().where('job', '=', job).orderBy('period_key').execute();

  it('runs each period once when two runners share the database', async () => {
    let runs = 0;
    const job: Job = {
      name: 'count-periods',
      schedule: '*/10 * * * *',
      kind: 'period',
      async run() {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 'counted';
      },
    };
    const clock = new ManualClock('2026-01-15T09:00:00Z');
    const a = runnerOn(first.database, clock, [job]);
    const b = runnerOn(second, clock, [job]);
    for (let period = 0; period < 6; period++) {
      await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
      clock.advance(10 * MINUTE);
    }
    expect(runs).toBe(6);
    const recorded = await runsOf('count-periods');
    expect(recorded.map((run) => [run.period_key, run.status, run.attempts, run.outcome])).toEqual(
      ['09:00', '09:10', '09:20', '09:30', '09:40', '09:50'].map((time) => [`2026-01-15T${time}:00.000Z`, 'succeeded', 1, 'counted']),
    );
  });

  it('retries a failed run with back-off, logs its error and shows it to the operator', async () => {
    let attempts = 0;
    const job: Job = {
      name: 'flaky',
      schedule: '0 * * * *',
      kind: 'period',
      async run() {
        attempts++;
        if (attempts < 3) throw new Error(`carrier unreachable (attempt ${attempts})`);
        return 'done';
      },
    };
    const errors: object[] = [];
    const clock = new ManualClock('2026-01-15T09:00:00Z');
    const runner = runnerOn(first.database, clock, [job], errors);

    expect(await runner.runDue()).toEqual([expect.objectContaining({ job: 'flaky', status: 'failed', error: 'carrier unreachable (attempt 1)' })]);
    expect(errors).toEqual([expect.objectContaining({ job: 'flaky', attempts: 1, err: expect.any(Error) })]);
    expect(await runsOf('flaky')).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 1, error: 'carrier unreachable (attempt 1)', next_attempt_at: '2026-01-15T09:01:00.000Z' }),
    ]);

    const listed = await runAdmin(first.url, ['jobs']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).runs).toContainEqual(
      expect.objectContaining({ job: 'flaky', status: 'failed', attempts: 1, error: 'carrier unreachable (attempt 1)', next_attempt: '2026-01-15T09:01:00.000Z' }),
    );

    expect(await runner.runDue()).toEqual([]);
    clock.advance(MINUTE);
    await runner.runDue();
    expect(attempts).toBe(2);
    clock.advance(MINUTE);
    expect(await runner.runDue()).toEqual([]);
    clock.advance(MINUTE);
    await runner.runDue();
    expect(await runsOf('flaky')).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 3, outcome: 'done', error: null, next_attempt_at: null })]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const job: Job = { name: 'hopeless', schedule: '0 0 * * *', kind: 'period', run: () => Promise.reject(new Error('no')) };
    const clock = new ManualClock('2026-01-15T09:00:00Z');
    const runner = runnerOn(first.database, clock, [job]);
    for (let attempt = 0; attempt < MAX_ATTEMPTS + 2; attempt++) {
      await runner.runDue();
      clock.advance(60 * MINUTE);
    }
    expect(await runsOf('hopeless')).toEqual([expect.objectContaining({ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null })]);
  });

  it('runs a period again when the process that claimed it died mid-run', async () => {
    await first.database.db
      .insertInto('job_runs')
      .values({
        job: 'orphaned',
        period_key: '2026-01-15T09:00:00.000Z',
        status: 'running',
        attempts: 1,
        started_at: '2026-01-15T09:00:00.000Z',
        lease_until: '2026-01-15T09:15:00.000Z',
        finished_at: null,
        next_attempt_at: null,
        outcome: null,
        error: null,
      })
      .execute();
    let runs = 0;
    const job: Job = { name: 'orphaned', schedule: '0 * * * *', kind: 'period', run: async () => `run ${++runs}` };
    const clock = new ManualClock('2026-01-15T09:10:00Z');
    const runner = runnerOn(first.database, clock, [job]);
    await runner.runDue();
    expect(runs).toBe(0);
    clock.set('2026-01-15T09:16:00Z');
    await runner.runDue();
    expect(await runsOf('orphaned')).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2, outcome: 'run 1' })]);
  });

  it('fires on its croner schedule once started, and not after it is stopped', async () => {
    let runs = 0;
    const job: Job = { name: 'every-second', schedule: '* * * * * *', kind: 'queue', run: async () => `run ${++runs}` };
    const runner = runnerOn(first.database, systemClock, [job]);
    runner.start();
    await expect.poll(() => runs, { timeout: 3000, interval: 50 }).toBeGreaterThan(0);
    await runner.stop();
    const stoppedAt = runs;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(runs).toBe(stoppedAt);
  });
});
