import type { Permission } from '../../contract/permissions.js';
import { newId } from '../platform/ids.js';
import { hashSecret } from '../platform/passwords.js';
import { Browser, type TestApp } from './test-app.js';

export interface MemberGrant {
  /** A built-in role id; without it the member gets a custom role with `permissions`. */
  roleId?: string;
  permissions?: readonly Permission[];
  /** Subaccount keys the member is limited to; without it the whole family. */
  subaccounts?: readonly string[];
  mustChangePassword?: boolean;
}

let sequence = 0;
const MEMBER_PASSWORD = 'member password 42';

/**
 * A team member of the family, written straight into the tables the team issue's invitations will
 * fill, and signed in. Its grant can be changed between requests: sessions read it every time.
 */
export async function addMember(t: TestApp, primaryApiKey: string, grant: MemberGrant = {}) {
  sequence += 1;
  const userId = newId();
  const email = `member.${sequence}.${userId.slice(0, 8)}@example.com`;
  const roleId = grant.roleId ?? newId();
  const now = t.clock.now().toISOString();
  if (!grant.roleId) {
    await t.ctx.db
      .insertInto('roles')
      .values({ id: roleId, primary_api_key: primaryApiKey, name: `Role ${roleId}`, permissions: JSON.stringify(grant.permissions ?? []), created_at: now })
      .execute();
  }
  await t.ctx.db
    .insertInto('users')
    .values({
      id: userId,
      primary_api_key: primaryApiKey,
      email,
      name: `Member ${sequence}`,
      password_hash: await hashSecret(MEMBER_PASSWORD),
      owner: 0,
      role_id: roleId,
      scope_all: grant.subaccounts ? 0 : 1,
      must_change_password: grant.mustChangePassword ? 1 : 0,
      created_at: now,
    })
    .execute();
  if (grant.subaccounts?.length) {
    await t.ctx.db
      .insertInto('user_scopes')
      .values(grant.subaccounts.map((apiKey) => ({ user_id: userId, api_key: apiKey })))
      .execute();
  }
  const browser = new Browser(t.app, `198.51.100.${sequence % 250}`);
  const signedIn = await browser.post('/api/sessions', { email, password: MEMBER_PASSWORD });
  if (signedIn.statusCode !== 200) throw new Error(`member sign-in failed: ${signedIn.statusCode} ${signedIn.body}`);
  return {
    browser,
    userId,
    email,
    password: MEMBER_PASSWORD,
    /** Gives the member a built-in role. */
    async setRole(builtInRoleId: string) {
      await t.ctx.db.updateTable('users').set({ role_id: builtInRoleId }).where('id', '=', userId).execute();
    },
    /** Gives the member a custom role with exactly these permissions. */
    async setPermissions(permissions: readonly Permission[]) {
      const customId = newId();
      await t.ctx.db
        .insertInto('roles')
        .values({ id: customId, primary_api_key: primaryApiKey, name: `Role ${customId}`, permissions: JSON.stringify(permissions), created_at: now })
        .execute();
      await t.ctx.db.updateTable('users').set({ role_id: customId }).where('id', '=', userId).execute();
    },
  };
}
