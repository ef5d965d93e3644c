import { sql } from 'kysely';
import { microsToEuros } from '../../../contract/money.js';
import type { AppContext } from '../../context.js';
import type { Account } from '../../db/schema.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';
import { familyTotals } from './family-totals.js';
import { describePrimary } from './view.js';

/**
 * The public list (GET /accounts/{key}/subaccounts) as a JSON string. It is one unpaged response, as
 * the spec and the SDKs require, so for a family of 10 000 the subaccounts array is built by the
 * database itself (json_group_array / json_agg) instead of row objects mapped, validated and
 * stringified in JavaScript: about three times faster. Its shape is the contract's subaccountSchema,
 * which the API tests check field by field.
 */
export async function publicSubaccountListJson(ctx: AppContext, primary: Account, scope: Scope): Promise<string> {
  const visible = visibleSubaccounts(scope);
  const [subaccounts, totals] = await Promise.all([subaccountsJson(ctx, primary.api_key, visible), familyTotals(ctx, primary, visible)]);
  const envelope = {
    _links: { self: { href: `/accounts/${primary.api_key}/subaccounts` } },
    total_balance: microsToEuros(totals.balanceMicros),
    total_credit_limit: microsToEuros(totals.creditLimitMicros),
  };
  return `${JSON.stringify(envelope).slice(0, -1)},"_embedded":{"primary_account":${JSON.stringify(describePrimary(primary))},"subaccounts":${subaccounts}}}`;
}

async function subaccountsJson(ctx: AppContext, primaryApiKey: string, visible: readonly string[] | null): Promise<string> {
  const onlyVisible = visible === null ? sql`` : visible.length > 0 ? sql`and api_key in (${sql.join(visible)})` : sql`and 1 = 0`;
  const query =
    ctx.database.dialect === 'postgres'
      ? sql<{ json: string }>`
          select coalesce(json_agg(t), '[]'::json)::text as json from (
            select api_key, name, primary_api_key as primary_account_api_key,
              use_primary_account_balance = 1 as use_primary_account_balance, created_at, suspended = 1 as suspended,
              -- An exact decimal with no trailing zeros prints as the JavaScript number would, and faster than a float8.
              case when use_primary_account_balance = 1 then null else trim_scale(balance_micros / 1000000.0) end as balance,
              case when use_primary_account_balance = 1 then null else trim_scale(credit_limit_micros / 1000000.0) end as credit_limit
            from accounts where primary_api_key = ${primaryApiKey} and api_key <> ${primaryApiKey} ${onlyVisible}
            -- ISO timestamps and hex keys sort the same bytewise, and the C collation sorts much faster.
            order by created_at collate "C", api_key collate "C"
          ) t`
      : sql<{ json: string }>`
          select json_group_array(json_object(
            'api_key', api_key, 'name', name, 'primary_account_api_key', primary_api_key,
            'use_primary_account_balance', json(case when use_primary_account_balance = 1 then 'true' else 'false' end),
            'created_at', created_at,
            'suspended', json(case when suspended = 1 then 'true' else 'false' end),
            'balance', case when use_primary_account_balance = 1 then null else balance_micros / 1000000.0 end,
            'credit_limit', case when use_primary_account_balance = 1 then null else credit_limit_micros / 1000000.0 end
          )) as json
          from (select * from accounts where primary_api_key = ${primaryApiKey} and api_key <> ${primaryApiKey} ${onlyVisible} order by created_at, api_key)`;
  const { rows } = await query.execute(ctx.db);
  return rows[0]?.json ?? '[]';
}
