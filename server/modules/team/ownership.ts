import type { TransferOwnership } from '../../../contract/team.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import type { SessionActor } from '../../platform/auth/actor.js';
import { verifySecret } from '../../platform/passwords.js';
import { fieldError, ProblemError } from '../../platform/problems.js';
import { target } from './members.js';
import { lockTeam } from './team-lock.js';

/**
 * The owner hands ownership to another active Administrator, confirming with their own password.
 * The new owner holds the whole account; the former owner stays an Administrator of it.
 */
export async function transferOwnership(ctx: AppContext, actor: SessionActor, primaryApiKey: string, request: TransferOwnership, author: ActivityAuthor): Promise<void> {
  const owner = await ctx.db.selectFrom('users').select(['id', 'name', 'owner', 'password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (owner.owner !== 1) {
    throw new ProblemError({ status: 403, title: 'Owner only', detail: 'Only the owner of the account can hand ownership over.' });
  }
  if (!(await verifySecret(owner.password_hash, request.password))) throw fieldError('password', 'This is not your password.');
  if (request.member_id === owner.id) throw fieldError('member_id', 'You are already the owner: choose another Administrator.');
  await inTransaction(ctx.database, async (tx) => {
    await lockTeam(tx, ctx.database.dialect, primaryApiKey);
    const { member } = await target(tx, primaryApiKey, request.member_id);
    if (member.status !== 'active' || member.role.id !== 'administrator') {
      throw fieldError(
        'member_id',
        member.status !== 'active'
          ? `${member.name} is ${member.status}: only an active member (signed in with a password of their own, not disabled) can become the owner.`
          : `${member.name} is ${member.role.name}: give them the Administrator role before handing ownership over.`,
        409,
      );
    }
    await tx.updateTable('users').set({ owner: 0, role_id: 'administrator', scope_all: 1 }).where('id', '=', owner.id).execute();
    await tx.updateTable('users').set({ owner: 1, role_id: 'administrator', scope_all: 1 }).where('id', '=', member.id).execute();
    await tx.deleteFrom('user_scopes').where('user_id', '=', member.id).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'team.ownership_transferred',
      primaryApiKey,
      apiKey: null,
      objectId: member.id,
      changes: [{ field: 'owner', before: owner.name, after: member.name }],
    });
  });
}
