import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Clock } from '../clock.js';
import { HOUR, MINUTE } from '../clock.js';
import { newToken, sha256 } from '../ids.js';
import type { SessionActor } from './actor.js';
import { grantColumns, grantOf } from './grants.js';

export const SESSION_COOKIE = 'sb_session';

export interface SessionStoreOptions {
  db: Db;
  clock: Clock;
  ttlHours: number;
}

/** Server-side sessions: the cookie holds a random token, the table only its hash. */
export function createSessionStore({ db, clock, ttlHours }: SessionStoreOptions) {
  const ttl = ttlHours * HOUR;

  return {
    ttlSeconds: Math.round(ttl / 1000),

    async create(userId: string, ip: string, userAgent?: string): Promise<{ token: string; csrfToken: string }> {
      const token = newToken();
      const csrfToken = newToken();
      const now = clock.now();
      await db
        .insertInto('sessions')
        .values({
          token_hash: sha256(token),
          user_id: userId,
          csrf_token: csrfToken,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + ttl).toISOString(),
          ip,
          user_agent: userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      return { token, csrfToken };
    },

    /** Resolves a cookie token to an actor and slides the expiry forward (at most once a minute). */
    async resolve(token: string): Promise<{ actor: SessionActor; extended: boolean } | null> {
      const tokenHash = sha256(token);
      const now = clock.now();
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .innerJoin('accounts', 'accounts.api_key', 'users.primary_api_key')
        .leftJoin('roles', (join) => join.onRef('roles.id', '=', 'users.role_id').onRef('roles.primary_api_key', '=', 'users.primary_api_key'))
        .select([
          'sessions.csrf_token',
          'sessions.expires_at',
          'users.email',
          'users.name',
          'users.must_change_password',
          'accounts.require_two_factor',
          sql<number>`case when users.totp_secret is null then 0 else 1 end`.as('two_factor_on'),
          ...grantColumns,
        ])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now.toISOString())
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      const newExpiry = now.getTime() + ttl;
      const extended = newExpiry - new Date(row.expires_at).getTime() > MINUTE;
      if (extended) {
        await db
          .updateTable('sessions')
          .set({ expires_at: new Date(newExpiry).toISOString() })
          .where('token_hash', '=', tokenHash)
          .execute();
      }
      const grant = await grantOf(db, row);
      return {
        extended,
        actor: {
          kind: 'session',
          userId: row.user_id,
          email: row.email,
          name: row.name,
          primaryApiKey: row.primary_api_key,
          permissions: grant.permissions,
          scope: grant.scope,
          csrfToken: row.csrf_token,
          sessionHash: tokenHash,
          mustChangePassword: row.must_change_password === 1,
          owner: row.owner === 1,
          roleId: grant.roleId,
          twoFactorEnrolmentRequired: row.require_two_factor === 1 && Number(row.two_factor_on) === 0,
        },
      };
    },

    async end(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
    },

    async endAllFor(userId: string, exceptHash?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptHash) query = query.where('token_hash', '!=', exceptHash);
      await query.execute();
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
