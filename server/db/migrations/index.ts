import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../database.js';
import { foundation } from './001-foundation.js';
import { accountApi } from './002-account-api.js';
import { smsPrices } from './003-sms-prices.js';
import { subaccounts } from './004-subaccounts.js';
import { subaccountListIndexes } from './005-subaccount-list-indexes.js';
import { jobRunsAndMailQueue } from './006-job-runs-and-mail-queue.js';
import { userGrants } from './007-user-grants.js';
import { activityLog } from './010-activity-log.js';
import { abuseLimits } from './011-abuse-limits.js';
import { twoFactor } from './012-two-factor.js';
import { idempotencyKeyOwner } from './013-idempotency-key-owner.js';
import { teamMembers } from './014-team-members.js';
import { profileAndCompany } from './015-profile-and-company.js';
import { billing } from './016-billing.js';
import { sandboxProcessor } from './017-sandbox-processor.js';
import { moneyUpdatesStayHot } from './019-money-updates-stay-hot.js';
import { balanceAlertsAndDisplayCurrency } from './020-balance-alerts-and-display-currency.js';
import { autoReload } from './021-auto-reload.js';
import { stripeCustomers } from './022-stripe-customers.js';
import { numbers } from './023-numbers.js';
import { numberRenewals } from './024-number-renewals.js';
import { invoices } from './025-invoices.js';
import { statementsAndExports } from './026-statements-and-exports.js';
import { numberConsole } from './027-number-console.js';
import { messageRecords } from './028-message-records.js';
import { apiRequestLog } from './029-api-request-log.js';
import { shortCodes } from './031-short-codes.js';

/** Migrations are code, listed in order; each is a pure function of the dialect. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-foundation': foundation(dialect),
        '002-account-api': accountApi(dialect),
        '003-sms-prices': smsPrices(dialect),
        '004-subaccounts': subaccounts(),
        '005-subaccount-list-indexes': subaccountListIndexes(),
        '006-job-runs-and-mail-queue': jobRunsAndMailQueue(),
        '007-user-grants': userGrants(),
        '010-activity-log': activityLog(),
        '011-abuse-limits': abuseLimits(dialect),
        '012-two-factor': twoFactor(),
        '013-idempotency-key-owner': idempotencyKeyOwner(),
        '014-team-members': teamMembers(),
        '015-profile-and-company': profileAndCompany(),
        '016-billing': billing(),
        '017-sandbox-processor': sandboxProcessor(),
        '019-money-updates-stay-hot': moneyUpdatesStayHot(),
        '020-balance-alerts-and-display-currency': balanceAlertsAndDisplayCurrency(dialect),
        '021-auto-reload': autoReload(),
        '022-stripe-customers': stripeCustomers(),
        '023-numbers': numbers(),
        '024-number-renewals': numberRenewals(),
        '025-invoices': invoices(),
        '026-statements-and-exports': statementsAndExports(),
        '027-number-console': numberConsole(),
        '028-message-records': messageRecords(dialect),
        '029-api-request-log': apiRequestLog(),
        '031-short-codes': shortCodes(),
      };
    },
  };
}
