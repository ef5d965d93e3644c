import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import type { Permission } from '../../contract/permissions.js';
import { e2eDatabaseUrl } from './operator.js';

export interface Member {
  userId: string;
  email: string;
  temporaryPassword: string;
}

/**
 * A team member with a temporary password, written into the e2e server's database as an invitation
 * will (the team issue adds the page that does it): a built-in role or a custom one, optionally
 * limited to some subaccounts.
 */
export async function addMember(
  primaryApiKey: string,
  grant: { roleId?: string; permissions?: Permission[]; subaccounts?: string[] },
): Promise<Member> {
  const userId = randomUUID();
  const member = { userId, email: `member.${userId.slice(0, 8)}@example.com`, temporaryPassword: `Temporary ${userId.slice(0, 6)} 1` };
  const db = new Database(e2eDatabaseUrl().slice('sqlite:'.length));
  try {
    const now = new Date().toISOString();
    const roleId = grant.roleId ?? randomUUID();
    if (!grant.roleId) {
      db.prepare('insert into roles (id, primary_api_key, name, permissions, created_at) values (?, ?, ?, ?, ?)').run(
        roleId, primaryApiKey, `Role ${roleId.slice(0, 6)}`, JSON.stringify(grant.permissions ?? []), now,
      );
    }
    db.prepare(
      'insert into users (id, primary_api_key, email, name, password_hash, owner, role_id, scope_all, must_change_password, created_at) values (?, ?, ?, ?, ?, 0, ?, ?, 1, ?)',
    ).run(userId, primaryApiKey, member.email, 'Grace Hopper', await hash(member.temporaryPassword), roleId, grant.subaccounts ? 0 : 1, now);
    for (const apiKey of grant.subaccounts ?? []) db.prepare('insert into user_scopes (user_id, api_key) values (?, ?)').run(userId, apiKey);
  } finally {
    db.close();
  }
  return member;
}
