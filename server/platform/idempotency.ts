import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { DatabaseHandle, Tx } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/database.js';
import { actorOf } from './auth/access.js';
import { actorLabel } from './auth/actor.js';
import type { Clock } from './clock.js';
import { ProblemError } from './problems.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface IdempotencyCaller {
  /** Who owns the key: the actor as the ledger names it (`api_key:…`, `user:…`); keys never collide across owners. */
  owner: string;
  key: string | undefined;
}

/** The request's Idempotency-Key and its owner, the same way for every route that accepts one. */
export function idempotencyOf(request: FastifyRequest): IdempotencyCaller {
  const key = request.headers[IDEMPOTENCY_HEADER];
  return { owner: actorLabel(actorOf(request)), key: typeof key === 'string' ? key : undefined };
}

export interface IdempotentRequest extends IdempotencyCaller {
  primaryApiKey: string;
  method: string;
  path: string;
  body: unknown;
}

/**
 * Handed to an idempotent request's work: the write that stores its answer, for work that sends it
 * with its own last statement (writeTogether) so that the answer costs no round trip of its own. When
 * the work did not store the answer it returns, runIdempotent stores it. Without an Idempotency-Key
 * there is nothing to store: no write.
 */
export type StoreAnswer<T> = (answer: { status: number; body: T }) => UpdateQueryBuilder<Database, 'idempotency_keys', 'idempotency_keys', UpdateResult>[];

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs a money movement at most once per Idempotency-Key. The key is claimed by the transaction's
 * first statement and its answer stored by the same transaction, so a crash leaves both or neither.
 * A twin sent while the original still runs waits on the claimed key (PostgreSQL: the unique index
 * entry; SQLite: the write lock) and then replays the original's answer once it commits, or, if the
 * original rolled back, runs as the first attempt itself: never a verdict of its own beside the
 * original's. The same key with another request is a 422.
 */
export async function runIdempotent<T>(
  database: DatabaseHandle,
  clock: Clock,
  request: IdempotentRequest,
  work: (tx: Tx, storeAnswer: StoreAnswer<T>) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  const { key } = request;
  if (key !== undefined && (key.length === 0 || key.length > 255)) {
    throw new ProblemError({
      status: 422,
      title: 'Invalid Idempotency-Key',
      detail: 'The Idempotency-Key header must be 1 to 255 characters',
      invalidParameters: [{ name: 'Idempotency-Key', reason: 'Must be 1 to 255 characters' }],
    });
  }
  if (key === undefined) return { ...(await inTransaction(database, (tx) => work(tx, () => []))), replayed: false };
  const requestHash = hashRequest(request);

  return inTransaction(database, async (tx) => {
    // The claim's answer columns are filled in below, before this transaction commits: no one ever sees them empty.
    const claimed = await tx
      .insertInto('idempotency_keys')
      .values({
        owner: request.owner,
        key,
        primary_api_key: request.primaryApiKey,
        request_hash: requestHash,
        status_code: 0,
        response_body: '',
        created_at: clock.now().toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['owner', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
      const stored = await tx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response_body'])
        .where('owner', '=', request.owner)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (stored.request_hash !== requestHash) throw keyReused();
      return { status: stored.status_code, body: JSON.parse(stored.response_body) as T, replayed: true };
    }
    let stored: { status: number; body: string } | undefined;
    const storeAnswer = (answer: { status: number; body: T }) => {
      stored = { status: answer.status, body: JSON.stringify(answer.body) };
      return [
        tx
          .updateTable('idempotency_keys')
          .set({ status_code: stored.status, response_body: stored.body })
          .where('owner', '=', request.owner)
          .where('key', '=', key),
      ];
    };
    const result = await work(tx, storeAnswer);
    if (stored?.status !== result.status || stored.body !== JSON.stringify(result.body)) await storeAnswer(result)[0].execute();
    return { ...result, replayed: false };
  });
}

function hashRequest(request: IdempotentRequest): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n${canonicalJson(request.body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function keyReused(): ProblemError {
  return new ProblemError({
    status: 422,
    title: 'Idempotency-Key reused',
    detail: 'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
    invalidParameters: [{ name: 'Idempotency-Key', reason: 'Already used with a different request' }],
  });
}
