import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';

/**
 * A piece of background work. `period` jobs run once per scheduled period across every server process
 * (the run is claimed in `job_runs`); `queue` jobs drain a queue whose items they claim one by one, so
 * they run at every tick and whenever work is queued.
 */
export interface Job {
  name: string;
  /** A croner pattern, evaluated in UTC (six fields for seconds). */
  schedule: string;
  kind: 'period' | 'queue';
  /** Does the work; returns a short summary of what it did, shown to the operator. */
  run(ctx: AppContext, run: { period: Date; log: FastifyBaseLogger }): Promise<string>;
}
