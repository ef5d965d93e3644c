import type { Session } from '../../../contract/identity.js';
import type { AppContext } from '../../context.js';
import { grantColumns, grantOf } from '../../platform/auth/grants.js';

export async function sessionView(ctx: AppContext, userId: string, csrfToken: string): Promise<Session> {
  const row = await ctx.db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.api_key', 'users.primary_api_key')
    .leftJoin('roles', (join) => join.onRef('roles.id', '=', 'users.role_id').onRef('roles.primary_api_key', '=', 'users.primary_api_key'))
    .select(['users.email', 'users.name', 'users.must_change_password', 'users.totp_secret', 'accounts.company_name', 'accounts.require_two_factor', ...grantColumns])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  const grant = await grantOf(ctx.db, row);
  return {
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      must_change_password: row.must_change_password === 1,
      owner: row.owner === 1,
      two_factor_enrolment_required: row.require_two_factor === 1 && row.totp_secret === null,
    },
    account: { api_key: row.primary_api_key, company_name: row.company_name },
    role: { id: grant.roleId, name: grant.roleName },
    permissions: [...grant.permissions],
    scope: grant.scope.kind === 'subaccounts' ? { kind: 'subaccounts', subaccounts: [...grant.scope.subaccounts] } : { kind: 'family' },
    csrf_token: csrfToken,
  };
}
