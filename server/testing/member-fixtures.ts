import type { Permission } from '../../contract/permissions.js';
import type { Member } from '../../contract/team.js';
import { signInOwner } from './identity-fixtures.js';
import { Browser, type TestApp } from './test-app.js';

export interface MemberGrant {
  /** A built-in role id; without it the member gets a custom role with `permissions`. */
  roleId?: string;
  permissions?: readonly Permission[];
  /** Subaccount keys the member is limited to; without it the whole family. */
  subaccounts?: readonly string[];
  /** Leaves the member with the invitation's temporary password, as before their first sign-in. */
  mustChangePassword?: boolean;
}

let sequence = 0;
const MEMBER_PASSWORD = 'member password 42';

async function ok<T>(response: Promise<{ statusCode: number; body: string; json(): unknown }>, expected: number, what: string): Promise<T> {
  const answer = await response;
  if (answer.statusCode !== expected) throw new Error(`${what} failed: ${answer.statusCode} ${answer.body}`);
  return (expected === 204 ? undefined : answer.json()) as T;
}

/** The temporary password in the newest invitation e-mail queued for `email`. */
export async function invitationPassword(t: TestApp, email: string): Promise<string> {
  const message = await t.ctx.db.selectFrom('outbox').select('body').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirst();
  const password = message?.body.match(/Temporary password: (\S+)/)?.[1];
  if (!password) throw new Error(`no invitation e-mail for ${email}`);
  return password;
}

/**
 * A team member of the family, invited by its owner through the team API and signed in (having
 * replaced the temporary password, unless `mustChangePassword`). Their role can be changed between
 * requests: sessions read it every time.
 */
export async function addMember(t: TestApp, primaryApiKey: string, grant: MemberGrant = {}) {
  sequence += 1;
  const owner = await signInOwner(t.app, primaryApiKey);
  const scope = grant.subaccounts ? { scope: 'subaccounts', subaccounts: grant.subaccounts } : { scope: 'family', subaccounts: [] };
  const customRole = async (permissions: readonly Permission[]) => {
    sequence += 1;
    const role = await ok<{ id: string }>(owner.post('/api/team/roles', { name: `Role ${sequence}`, permissions }), 201, 'creating a role');
    return role.id;
  };
  const roleId = grant.roleId ?? (await customRole(grant.permissions ?? []));
  const email = `member.${sequence}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const member = await ok<Member>(owner.post('/api/team/members', { name: `Member ${sequence}`, email, role_id: roleId, ...scope }), 201, 'inviting a member');
  const temporaryPassword = await invitationPassword(t, email);

  const browser = new Browser(t.app, `198.51.100.${sequence % 250}`);
  await ok(browser.post('/api/sessions', { email, password: temporaryPassword }), 200, 'member sign-in');
  if (!grant.mustChangePassword) {
    await ok(browser.post('/api/session/password', { current_password: temporaryPassword, new_password: MEMBER_PASSWORD }), 200, 'setting the member’s password');
  }
  const setRole = (id: string) => ok(owner.request({ method: 'PUT', url: `/api/team/members/${member.id}/access`, payload: { role_id: id, ...scope } }), 200, 'changing the role');
  return {
    browser,
    userId: member.id,
    email,
    password: grant.mustChangePassword ? temporaryPassword : MEMBER_PASSWORD,
    /** Gives the member a built-in role. */
    setRole,
    /** Gives the member a custom role with exactly these permissions. */
    async setPermissions(permissions: readonly Permission[]) {
      await setRole(await customRole(permissions));
    },
  };
}
