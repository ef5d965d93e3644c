import type { ScopeCandidates } from '../../../contract/team.js';
import type { Db } from '../../db/database.js';
import { nameOrKeyContains } from '../../db/like.js';

const CANDIDATES = 50;

/** Subaccounts a member's scope can be made of, by name or API key (the first 50 by name). */
export async function scopeCandidates(db: Db, primaryApiKey: string, search: string): Promise<ScopeCandidates> {
  let query = db
    .selectFrom('accounts')
    .select(['api_key', 'name'])
    .where('primary_api_key', '=', primaryApiKey)
    .where('api_key', '!=', primaryApiKey);
  if (search) query = query.where(nameOrKeyContains(search));
  return { subaccounts: await query.orderBy('name').orderBy('api_key').limit(CANDIDATES).execute() };
}
