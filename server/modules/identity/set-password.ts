import type { SetPasswordRequest } from '../../../contract/identity.js';
import type { AppContext } from '../../context.js';
import { hashSecret, verifySecret } from '../../platform/passwords.js';
import { fieldError } from '../../platform/problems.js';

/**
 * The signed-in user replaces their password, proving the current (or temporary) one. Every other
 * session of the user ends; this one stays.
 */
export async function setPassword(ctx: AppContext, userId: string, sessionHash: string, request: SetPasswordRequest): Promise<void> {
  const user = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifySecret(user.password_hash, request.current_password))) {
    throw fieldError('current_password', 'This is not your current password.');
  }
  if (request.current_password === request.new_password) {
    throw fieldError('new_password', 'Choose a password different from the current one.');
  }
  const passwordHash = await hashSecret(request.new_password);
  await ctx.db.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('id', '=', userId).execute();
  await ctx.sessions.endAllFor(userId, sessionHash);
}
