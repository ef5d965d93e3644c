import type { Session } from '../../../contract/identity.js';
import type { AppContext } from '../../context.js';
import { grantColumns, grantOf } from '../../platform/auth/grants.js';

export async function sessionView(ctx: AppContext, userId: string, csrfToken: string): Promise<Session> {
  const row = await ctx.db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.api_key', 'users.primary_api_key')
    .leftJoin('roles', (join) => join.onRef('roles.id', '=', 'users.role_id').onRef('roles.primary_api_key', '=', 'users.primary_api_key'))
    .select(['users.email', 'users.name', 'users.must_change_password', 'accounts.company_name', ...grantColumns])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  const grant = await grantOf(ctx.db, row);
  return {
    user: { id: row.user_id, email: row.email, name: row.name, must_change_password: row.must_change_password === 1 },
    account: { api_key: row.primary_api_key, company_name: row.company_name },
    role: { id: grant.roleId, name: grant.roleName },
    permissions: [...grant.permissions],
    scope: grant.scope.kind === 'subaccounts' ? { kind: 'subaccounts', subaccounts: [...grant.scope.subaccounts] } : { kind: 'family' },
    csrf_token: csrfToken,
  };
}
