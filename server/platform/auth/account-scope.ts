import type { Db } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import { byKey } from '../accounts/accounts-repository.js';
import { ProblemError } from '../problems.js';
import type { Actor } from './actor.js';

export function invalidApiKey(apiKey: string, detail = `API key '${apiKey}' not found`): ProblemError {
  return new ProblemError({ status: 404, type: 'https://developer.nexmo.com/api-errors#invalid-api-key', title: 'Invalid API Key', detail });
}

/** The family (primary key) whose data the actor may see. */
export const familyOf = (actor: Actor): string => actor.primaryApiKey;

/**
 * Loads the account `apiKey` if the actor may act on it: itself, or, for a primary's key or a
 * console user, any account of the family. Anything else is indistinguishable from a missing key.
 */
export async function accountInScope(db: Db, actor: Actor, apiKey: string, notFoundDetail?: string): Promise<Account> {
  const account = await byKey(db, apiKey);
  const allowed =
    account &&
    (actor.kind === 'session'
      ? account.primary_api_key === actor.primaryApiKey
      : account.api_key === actor.apiKey || (actor.isPrimary && account.primary_api_key === actor.apiKey));
  if (!allowed) throw invalidApiKey(apiKey, notFoundDetail);
  return account;
}
