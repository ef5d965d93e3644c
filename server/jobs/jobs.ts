import { balanceAlertsJob } from '../modules/balance-alerts/balance-alerts-job.js';
import { deliverMailJob } from './deliver-mail.js';
import type { Job } from './job.js';
import { purgeExpiredJob } from './purge-expired.js';
import { reconcilePaymentsJob } from './reconcile-payments.js';

/** Every background job the server runs, in the order a pass runs them (payments settle before the alerts look at balances; mail after what queues it). */
export const jobs: Job[] = [reconcilePaymentsJob, balanceAlertsJob, deliverMailJob, purgeExpiredJob];
