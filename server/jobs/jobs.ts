import { autoReloadJob } from '../modules/auto-reload/auto-reload-job.js';
import { balanceAlertsJob } from '../modules/balance-alerts/balance-alerts-job.js';
import { numberRenewalsJob } from '../modules/numbers/renewal-job.js';
import { monthlyStatementsJob } from '../modules/statements/statements-job.js';
import { deliveryReceiptsJob } from '../modules/sms/delivery-receipts.js';
import { deliverWebhooksJob } from '../platform/webhooks/deliver-webhooks-job.js';
import { deliverMailJob } from './deliver-mail.js';
import type { Job } from './job.js';
import { purgeExpiredJob } from './purge-expired.js';
import { purgeUsageJob } from './purge-usage.js';
import { reconcilePaymentsJob } from './reconcile-payments.js';

/**
 * Every background job the server runs, in the order a pass runs them: payments held for review settle
 * before auto-reload looks at its reloads in flight, reloads before number renewals charge, renewals
 * before the alerts look at balances and the month's statements are drawn up, mail after what queues it,
 * webhooks after the receipts that queue them.
 */
export const jobs: Job[] = [
  reconcilePaymentsJob,
  autoReloadJob,
  numberRenewalsJob,
  balanceAlertsJob,
  monthlyStatementsJob,
  deliverMailJob,
  deliveryReceiptsJob,
  deliverWebhooksJob,
  purgeExpiredJob,
  purgeUsageJob,
];
