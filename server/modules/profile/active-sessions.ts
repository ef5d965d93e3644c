import type { ActiveSessions } from '../../../contract/profile.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';

/** The user's sessions still alive, newest first; a session's expiry slides from its last request. */
export async function activeSessions(ctx: AppContext, userId: string, currentHash: string): Promise<ActiveSessions> {
  const rows = await ctx.db
    .selectFrom('sessions')
    .select(['token_hash', 'ip', 'user_agent', 'created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', ctx.clock.now().toISOString())
    .orderBy('expires_at', 'desc')
    .execute();
  const ttlMs = ctx.sessions.ttlSeconds * 1000;
  return {
    sessions: rows.map((row) => ({
      browser: row.user_agent ?? 'Unknown browser',
      ip: row.ip,
      signed_in_at: row.created_at,
      last_seen_at: new Date(new Date(row.expires_at).getTime() - ttlMs).toISOString(),
      current: row.token_hash === currentHash,
    })),
  };
}

/** Signs the user out everywhere but here (a lost laptop, a shared computer). */
export async function endOtherSessions(ctx: AppContext, user: { userId: string; primaryApiKey: string; sessionHash: string }, author: ActivityAuthor): Promise<number> {
  return inTransaction(ctx.database, async (tx) => {
    const ended = await tx.deleteFrom('sessions').where('user_id', '=', user.userId).where('token_hash', '!=', user.sessionHash).executeTakeFirst();
    const count = Number(ended.numDeletedRows);
    await recordActivity(tx, ctx.clock, author, {
      kind: 'user.sessions_ended',
      primaryApiKey: user.primaryApiKey,
      apiKey: null,
      objectId: user.userId,
      changes: [{ field: 'sessions_ended', before: null, after: count }],
    });
    return count;
  });
}
