import { expect, type APIRequestContext } from '@playwright/test';
import type { Permission } from '../../contract/permissions.js';
import { newestMessage } from './outbox.js';

export interface Member {
  userId: string;
  email: string;
  temporaryPassword: string;
}

/** The temporary password in the newest invitation e-mail to `email`, read from the development outbox. */
export async function invitationPassword(request: APIRequestContext, email: string): Promise<string> {
  const message = await newestMessage(request, email);
  const password = /Temporary password: (\S+)/.exec(message.body)?.[1];
  expect(password, `a temporary password in "${message.body}"`).toBeDefined();
  return password as string;
}

/**
 * A team member invited through the team API by the owner signed in on `owner` (a request context
 * holding the owner's session): a built-in role or a custom one built for them, optionally limited
 * to some subaccounts. Returns the temporary password from the invitation e-mail.
 */
export async function addMember(
  owner: APIRequestContext,
  grant: { roleId?: string; permissions?: Permission[]; subaccounts?: string[] },
): Promise<Member> {
  const session = await owner.get('/api/session');
  expect(session.status(), 'the owner is signed in').toBe(200);
  const headers = { 'x-csrf-token': ((await session.json()) as { csrf_token: string }).csrf_token };
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

  let roleId = grant.roleId;
  if (!roleId) {
    const role = await owner.post('/api/team/roles', { headers, data: { name: `Role ${unique}`, permissions: grant.permissions ?? [] } });
    expect(role.status(), await role.text()).toBe(201);
    roleId = ((await role.json()) as { id: string }).id;
  }
  const email = `member.${unique}@example.com`;
  const invited = await owner.post('/api/team/members', {
    headers,
    data: { name: 'Grace Hopper', email, role_id: roleId, scope: grant.subaccounts ? 'subaccounts' : 'family', subaccounts: grant.subaccounts ?? [] },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const { id } = (await invited.json()) as { id: string };
  return { userId: id, email, temporaryPassword: await invitationPassword(owner, email) };
}
