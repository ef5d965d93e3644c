import { balanceAlertsJob } from '../modules/balance-alerts/balance-alerts-job.js';
import { deliverMailJob } from './deliver-mail.js';
import type { Job } from './job.js';
import { purgeExpiredJob } from './purge-expired.js';

/** Every background job the server runs, in the order a pass runs them (mail after what queues it). */
export const jobs: Job[] = [balanceAlertsJob, deliverMailJob, purgeExpiredJob];
