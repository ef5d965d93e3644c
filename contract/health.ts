import { z } from 'zod';

export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  /** Only when healthy: why the database is unreachable goes to the log, not to anonymous callers. */
  database: z.literal('ok').optional(),
});
