import type { Session } from '../../../contract/identity.js';
import type { AppContext } from '../../context.js';
import { ownerPermissions } from '../../platform/auth/permissions.js';

export async function sessionView(ctx: AppContext, userId: string, csrfToken: string): Promise<Session> {
  const row = await ctx.db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.api_key', 'users.primary_api_key')
    .select(['users.id', 'users.email', 'users.name', 'users.must_change_password', 'accounts.api_key', 'accounts.company_name'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    user: { id: row.id, email: row.email, name: row.name, must_change_password: row.must_change_password === 1 },
    account: { api_key: row.api_key, company_name: row.company_name },
    permissions: [...ownerPermissions],
    csrf_token: csrfToken,
  };
}
