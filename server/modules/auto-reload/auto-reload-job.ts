import type { Job } from '../../jobs/job.js';
import { runAutoReloads } from './reload.js';

/** Every 10 minutes, as seed 004 promises ("your account balance is checked every 10 minutes"); each window is one reload key per account. */
export const autoReloadJob: Job = {
  name: 'auto-reload',
  schedule: '*/10 * * * *',
  kind: 'period',
  async run(ctx, { period }) {
    const pass = await runAutoReloads(ctx, period);
    if (pass.charged + pass.pending + pass.settled + pass.failing + pass.paused === 0) return '';
    return `charged ${pass.charged}: settled ${pass.settled}, failing ${pass.failing}, paused ${pass.paused}, awaiting the processor ${pass.pending}`;
  },
};
