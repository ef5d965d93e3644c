import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { DAY } from '../platform/clock.js';
import { isMovable } from '../platform/clock.js';
import type { JobRunner } from './runner.js';

const clockSchema = z.object({
  now: z.string(),
  runs: z.array(
    z.object({ job: z.string(), period: z.string(), status: z.enum(['succeeded', 'failed']), outcome: z.string().nullable(), error: z.string().nullable() }),
  ),
});

/**
 * Development only, beside /dev/outbox: moves the server's clock forward and runs the jobs that fall
 * due, so that an end-to-end test can cross a 10-minute or 72-hour boundary without waiting.
 */
export const devClockRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; jobs: JobRunner }> = async (app, { ctx, jobs }) => {
  const { clock } = ctx;
  if (!isMovable(clock)) return;
  const tags = ['development'];

  app.get('/dev/clock', { config: { access: { auth: 'none' } }, schema: { tags, response: { 200: clockSchema } } }, async () => ({
    now: clock.now().toISOString(),
    runs: [],
  }));

  app.post(
    '/dev/clock',
    {
      config: { access: { auth: 'none' } },
      schema: {
        tags,
        summary: 'Advance the clock and run the jobs that are due (development only)',
        body: z.object({ advance_seconds: z.number().int().min(0).max((366 * DAY) / 1000) }),
        response: { 200: clockSchema },
      },
    },
    async (request) => {
      clock.advance(request.body.advance_seconds * 1000);
      const runs = await jobs.runDue();
      return { now: clock.now().toISOString(), runs };
    },
  );

  // An end-to-end spec that moved the clock puts it back, so that the specs after it see real time.
  app.delete(
    '/dev/clock',
    { config: { access: { auth: 'none' } }, schema: { tags, summary: 'Put the clock back to the real time (development only)', response: { 200: clockSchema } } },
    async () => {
      clock.reset();
      return { now: clock.now().toISOString(), runs: [] };
    },
  );
};
