import type { Subaccount } from '../../../contract/subaccounts.js';
import { microsToEuros } from '../../../contract/money.js';
import type { Account } from '../../db/schema.js';

export type AccountRow = Pick<
  Account,
  'api_key' | 'name' | 'primary_api_key' | 'use_primary_account_balance' | 'created_at' | 'suspended' | 'balance_micros' | 'credit_limit_micros'
>;

export const accountColumns = [
  'api_key',
  'name',
  'primary_api_key',
  'use_primary_account_balance',
  'created_at',
  'suspended',
  'balance_micros',
  'credit_limit_micros',
] as const;

export function describeSubaccount(row: AccountRow): Subaccount {
  const shared = row.use_primary_account_balance === 1;
  return {
    api_key: row.api_key,
    name: row.name,
    primary_account_api_key: row.primary_api_key,
    use_primary_account_balance: shared,
    created_at: row.created_at,
    suspended: row.suspended === 1,
    balance: shared ? null : microsToEuros(row.balance_micros),
    credit_limit: shared ? null : microsToEuros(row.credit_limit_micros),
  };
}

/** The primary account as the Subaccounts API shows it (`_embedded.primary_account`). */
export function describePrimary(primary: Account) {
  return {
    api_key: primary.api_key,
    name: primary.name,
    balance: microsToEuros(primary.balance_micros),
    credit_limit: microsToEuros(primary.credit_limit_micros),
    suspended: primary.suspended === 1,
    created_at: primary.created_at,
  };
}
