import type { Job } from '../../jobs/job.js';
import { checkBalanceAlerts } from './check-alerts.js';

/** Hourly, as seed 004 promises ("checked for a low balance every hour"). */
export const balanceAlertsJob: Job = {
  name: 'balance-alerts',
  schedule: '0 * * * *',
  kind: 'period',
  async run(ctx) {
    const { rearmed, alerted, emails } = await checkBalanceAlerts(ctx);
    return rearmed + alerted === 0 ? '' : `alerted ${alerted} (${emails} e-mails), re-armed ${rearmed}`;
  },
};
