import { useCan } from '../../../lib/authorization.js';
import { BalanceAlertCard } from './balance-alert-form.js';
import { RunwayCard } from './runway-card.js';

/**
 * A subaccount's runway and, when it has its own balance, its own alert (a reseller forwards it to
 * their customer); a shared-balance subaccount is covered by the primary's alert.
 */
export function SubaccountBalanceAlert({ apiKey, subaccount }: { apiKey: string; subaccount: { api_key: string; use_primary_account_balance: boolean } }) {
  const canReadBilling = useCan('billing:read');
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <RunwayCard apiKey={apiKey} accountKey={subaccount.api_key} />
      {!subaccount.use_primary_account_balance && canReadBilling && (
        <BalanceAlertCard apiKey={apiKey} accountKey={subaccount.api_key} title="Balance alert" />
      )}
    </div>
  );
}
