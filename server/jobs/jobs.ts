import { deliverMailJob } from './deliver-mail.js';
import type { Job } from './job.js';
import { purgeExpiredJob } from './purge-expired.js';

/** Every background job the server runs. */
export const jobs: Job[] = [deliverMailJob, purgeExpiredJob];
