import type { Job } from '../../jobs/job.js';
import { runNumberRenewals } from './renew.js';

/**
 * Every hour: renewals fall on calendar days (UTC), so a number is charged within the hour its day
 * begins, and a server that was down catches up at its first pass. Each period is renewed once
 * whatever runs it (number_renewals).
 */
export const numberRenewalsJob: Job = {
  name: 'number-renewals',
  schedule: '5 * * * *',
  kind: 'period',
  async run(ctx) {
    const pass = await runNumberRenewals(ctx, ctx.clock.now());
    if (pass.charged + pass.released + pass.warned === 0) return '';
    return `renewed ${pass.charged}, released for want of credit ${pass.released}, payers warned ${pass.warned}`;
  },
};
