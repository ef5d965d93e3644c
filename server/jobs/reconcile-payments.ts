import { MINUTE } from '../platform/clock.js';
import { systemAuthor } from '../platform/activity/author.js';
import { reconcilePayments } from '../modules/billing/payments.js';
import type { Job } from './job.js';

/**
 * Every 5 minutes: card payments held for review are asked again and settle or fail; a payment whose
 * request died while the processor was charging (left `processing` for 2 minutes) is finished.
 */
export const reconcilePaymentsJob: Job = {
  name: 'reconcile-payments',
  schedule: '*/5 * * * *',
  kind: 'period',
  async run(ctx) {
    const staleBefore = new Date(ctx.clock.now().getTime() - 2 * MINUTE).toISOString();
    const counts = await reconcilePayments(ctx, systemAuthor('reconcile-payments'), staleBefore);
    return `settled ${counts.settled}, failed ${counts.failed}, still open ${counts.open}`;
  },
};
