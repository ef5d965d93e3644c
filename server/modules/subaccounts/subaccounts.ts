import type { CreateSubaccountRequest, CreatedSubaccount, ModifySubaccountRequest, Subaccount } from '../../../contract/subaccounts.js';
import type { AppContext } from '../../context.js';
import { inTransaction, lockFamilyAccounts } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import { operatorAuthor, type ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { newApiKey, newApiSecret } from '../../platform/ids.js';
import { hashSecret } from '../../platform/passwords.js';
import { storeSecret } from '../secrets/store-secret.js';
import { maximumReached, subaccountsValidation, unknownAccountKey } from './errors.js';
import { accountColumns, describeSubaccount } from './view.js';

export async function getSubaccount(ctx: AppContext, primary: Account, subaccountKey: string): Promise<Subaccount> {
  const row = await accounts.subaccountOf(ctx.db, primary.api_key, subaccountKey);
  if (!row) throw unknownAccountKey(subaccountKey);
  return describeSubaccount(row);
}

/** Creates a subaccount with its first secret (chosen, or generated and returned this once). */
export async function createSubaccount(ctx: AppContext, primary: Account, request: CreateSubaccountRequest, author: ActivityAuthor): Promise<CreatedSubaccount> {
  const secret = request.secret ?? newApiSecret();
  const secretHash = await hashSecret(secret);
  const created = await inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, primary.api_key, [primary.api_key]);
    const current = await accounts.existingByKey(tx, primary.api_key);
    if ((await accounts.countSubaccounts(tx, primary.api_key)) >= (current.max_subaccounts ?? ctx.config.MAX_SUBACCOUNTS)) throw maximumReached();

    let apiKey = newApiKey();
    while (await accounts.exists(tx, apiKey)) apiKey = newApiKey();
    const row = {
      api_key: apiKey,
      primary_api_key: primary.api_key,
      name: request.name,
      company_name: primary.company_name,
      phone: null,
      use_primary_account_balance: request.use_primary_account_balance === false ? 0 : 1,
      balance_micros: 0,
      credit_limit_micros: 0,
      suspended: 0,
      demo: current.demo,
      created_at: ctx.clock.now().toISOString(),
    };
    await tx.insertInto('accounts').values(row).execute();
    await storeSecret(tx, ctx.clock, { apiKey, primaryApiKey: primary.api_key, secretHash });
    await recordActivity(tx, ctx.clock, author, {
      kind: 'subaccount.created',
      primaryApiKey: primary.api_key,
      apiKey,
      objectId: apiKey,
      changes: changesBetween(null, subaccountFields(row), trackedFields),
    });
    return row;
  });
  return { ...describeSubaccount(created), secret };
}

const trackedFields = ['name', 'suspended', 'use_primary_account_balance'] as const;

const subaccountFields = (row: Pick<Account, 'name' | 'suspended' | 'use_primary_account_balance'>) => ({
  name: row.name,
  suspended: row.suspended === 1,
  use_primary_account_balance: row.use_primary_account_balance === 1,
});

export const ONE_WAY_BALANCE_REASON =
  "Transitioning from 'use_primary_account_balance = false' to 'use_primary_account_balance = true' is not supported";

/** Renames, suspends or reactivates a subaccount, or gives it its own balance (one way only). */
export async function modifySubaccount(
  ctx: AppContext,
  primary: Account,
  subaccountKey: string,
  request: ModifySubaccountRequest,
  author: ActivityAuthor,
): Promise<Subaccount> {
  return inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, primary.api_key, [subaccountKey]);
    const row = await accounts.subaccountOf(tx, primary.api_key, subaccountKey);
    if (!row) throw unknownAccountKey(subaccountKey);
    if (request.use_primary_account_balance === true && row.use_primary_account_balance === 0) {
      throw subaccountsValidation([{ name: 'use_primary_account_balance', reason: ONE_WAY_BALANCE_REASON }]);
    }
    const changes: Partial<Pick<Account, 'name' | 'suspended' | 'use_primary_account_balance'>> = {};
    if (request.name !== undefined) changes.name = request.name;
    if (request.suspended !== undefined) changes.suspended = request.suspended ? 1 : 0;
    if (request.use_primary_account_balance === false) changes.use_primary_account_balance = 0;
    if (Object.keys(changes).length === 0) return describeSubaccount(row);
    const updated = await tx
      .updateTable('accounts')
      .set(changes)
      .where('api_key', '=', subaccountKey)
      .returning(accountColumns)
      .executeTakeFirstOrThrow();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'subaccount.updated',
      primaryApiKey: primary.api_key,
      apiKey: subaccountKey,
      objectId: subaccountKey,
      changes: changesBetween(subaccountFields(row), subaccountFields(updated), trackedFields),
    });
    return describeSubaccount(updated);
  });
}

/** Operator: raises (or lowers) how many subaccounts one primary may have; null restores the default. */
export async function setMaxSubaccounts(ctx: AppContext, apiKey: string, max: number | null): Promise<{ api_key: string; max_subaccounts: number; subaccounts: number }> {
  return inTransaction(ctx.database, async (tx) => {
    const account = await accounts.byKey(tx, apiKey);
    if (!account || account.primary_api_key !== account.api_key) throw unknownAccountKey(apiKey);
    await tx.updateTable('accounts').set({ max_subaccounts: max }).where('api_key', '=', apiKey).execute();
    await recordActivity(tx, ctx.clock, operatorAuthor, {
      kind: 'account.max_subaccounts_set',
      primaryApiKey: apiKey,
      apiKey,
      changes: changesBetween({ max_subaccounts: account.max_subaccounts }, { max_subaccounts: max }, ['max_subaccounts']),
    });
    return { api_key: apiKey, max_subaccounts: max ?? ctx.config.MAX_SUBACCOUNTS, subaccounts: await accounts.countSubaccounts(tx, apiKey) };
  });
}
