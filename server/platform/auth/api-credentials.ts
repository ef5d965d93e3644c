import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { hashSecret, verifySecret as verifyArgon2 } from '../passwords.js';
import { apiKeyPermissions, apiKeyScope, type ApiKeyActor } from './actor.js';

export interface PresentedCredentials {
  apiKey: string;
  apiSecret: string;
}

/** Reads credentials in the three styles the Vonage SDKs send: Basic header, query string, body. */
export function readApiCredentials(request: FastifyRequest): PresentedCredentials | null {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { apiKey: decoded.slice(0, colon), apiSecret: decoded.slice(colon + 1) };
  }
  for (const source of [request.query, request.body]) {
    if (source && typeof source === 'object') {
      const { api_key: apiKey, api_secret: apiSecret } = source as Record<string, unknown>;
      if (typeof apiKey === 'string' && typeof apiSecret === 'string') return { apiKey, apiSecret };
    }
  }
  return null;
}

export type CredentialCheck =
  | { ok: true; actor: ApiKeyActor }
  | { ok: false; reason: 'bad_credentials' | 'suspended' };

/**
 * Verifies an API key and secret against the argon2id hashes. A bounded in-process memo of
 * (stored hash, presented secret) pairs that verified keeps repeated calls fast; it is keyed by the
 * stored hash, so a revoked secret stops matching on every node as soon as its row is gone.
 */
// Checked when the key is unknown, so that an unknown key costs as much as a known one with a wrong secret.
const decoyHash = hashSecret('decoy secret that never matches');

export interface VerifierOptions {
  memoLimit?: number;
  verifySecret?: (hash: string, plain: string) => Promise<boolean>;
}

export function createApiCredentialVerifier(db: Db, { memoLimit = 10_000, verifySecret = verifyArgon2 }: VerifierOptions = {}) {
  const verified = new Map<string, true>();
  const memoKey = (storedHash: string, secret: string) =>
    createHash('sha256').update(storedHash).update('\0').update(secret).digest('base64');

  // Every API call runs this query: build and compile it once, then only bind the key.
  const query = db
    .selectFrom('accounts')
    .innerJoin('api_secrets', 'api_secrets.api_key', 'accounts.api_key')
    .selectAll('accounts')
    .select('api_secrets.secret_hash')
    .where('accounts.api_key', '=', '');
  const compiled = query.compile();
  type Row = Awaited<ReturnType<typeof query.execute>>[number];

  return async function verify(credentials: PresentedCredentials): Promise<CredentialCheck> {
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters: [credentials.apiKey] });
    if (rows.length === 0) await verifySecret(await decoyHash, credentials.apiSecret);
    for (const row of rows) {
      const key = memoKey(row.secret_hash, credentials.apiSecret);
      const matches = verified.has(key) || (await verifySecret(row.secret_hash, credentials.apiSecret));
      if (!matches) continue;
      if (!verified.has(key)) {
        if (verified.size >= memoLimit) verified.delete(verified.keys().next().value as string);
        verified.set(key, true);
      }
      if (row.suspended === 1) return { ok: false, reason: 'suspended' };
      const { secret_hash: _hash, ...account } = row;
      return {
        ok: true,
        actor: {
          kind: 'api_key',
          apiKey: row.api_key,
          primaryApiKey: row.primary_api_key,
          isPrimary: row.api_key === row.primary_api_key,
          permissions: apiKeyPermissions,
          scope: apiKeyScope(row),
          account,
        },
      };
    }
    return { ok: false, reason: 'bad_credentials' };
  };
}

export type ApiCredentialVerifier = ReturnType<typeof createApiCredentialVerifier>;
