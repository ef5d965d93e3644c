import type { Tx } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';

/** Stores an already-hashed API secret (hash outside the transaction: argon2 is deliberately slow). */
export async function storeSecret(
  tx: Tx,
  clock: Clock,
  secret: { apiKey: string; primaryApiKey: string; secretHash: string },
): Promise<{ id: string; created_at: string }> {
  const row = { id: newId(), created_at: clock.now().toISOString() };
  await tx
    .insertInto('api_secrets')
    .values({ ...row, api_key: secret.apiKey, primary_api_key: secret.primaryApiKey, secret_hash: secret.secretHash })
    .execute();
  return row;
}
