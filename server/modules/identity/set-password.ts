import type { SetPasswordRequest } from '../../../contract/identity.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import { userAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { hashSecret, verifySecret } from '../../platform/passwords.js';
import { fieldError } from '../../platform/problems.js';
import { assertTemporaryPasswordValid } from './temporary-password.js';

/**
 * The signed-in user replaces their password, proving the current (or temporary) one. Every other
 * session of the user ends; this one stays.
 */
export async function setPassword(ctx: AppContext, userId: string, sessionHash: string, request: SetPasswordRequest, ip: string): Promise<void> {
  const user = await ctx.db.selectFrom('users').select(['id', 'name', 'primary_api_key', 'password_hash', 'temporary_password_expires_at']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifySecret(user.password_hash, request.current_password))) {
    throw fieldError('current_password', 'This is not your current password.');
  }
  assertTemporaryPasswordValid(ctx.clock, user.temporary_password_expires_at);
  if (request.current_password === request.new_password) {
    throw fieldError('new_password', 'Choose a password different from the current one.');
  }
  const passwordHash = await hashSecret(request.new_password);
  await inTransaction(ctx.database, async (tx) => {
    await tx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, temporary_password_expires_at: null }).where('id', '=', userId).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '!=', sessionHash).execute();
    await recordActivity(tx, ctx.clock, userAuthor(user, ip), { kind: 'user.password_changed', primaryApiKey: user.primary_api_key, apiKey: null, objectId: userId });
  });
}
