import type { ActivityKind, FieldChange, FieldValue } from '../../../contract/activity.js';
import type { Tx } from '../../db/database.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { ActivityAuthor } from './author.js';

export interface ActivityRecord {
  kind: ActivityKind;
  primaryApiKey: string;
  /** The account or subaccount the change belongs to; null for a user's own things. */
  apiKey: string | null;
  objectId?: string | null;
  changes?: FieldChange[];
}

// A field whose name says it holds a credential is refused outright, whatever its value.
const CREDENTIAL_FIELD = /secret|password|hash|token|pin|recovery|otp|csrf/i;

/**
 * Writes one activity entry in the caller's transaction, so a change that rolls back leaves none.
 * Secrets and passwords never appear: fields that name a credential are a programming error.
 */
export async function recordActivity(tx: Tx, clock: Clock, author: ActivityAuthor, record: ActivityRecord): Promise<void> {
  await activityInsert(tx, clock, author, record).execute();
}

/**
 * The insert of one activity entry, for a caller that sends it with its other writes in one
 * statement (writeTogether); the same refusal of credential fields as recordActivity.
 */
export function activityInsert(tx: Tx, clock: Clock, author: ActivityAuthor, record: ActivityRecord) {
  const changes = record.changes ?? [];
  const credential = changes.find((change) => CREDENTIAL_FIELD.test(change.field));
  if (credential) throw new Error(`activity field '${credential.field}' names a credential and is never recorded`);
  return tx.insertInto('activity_entries').values({
    id: newId(),
    primary_api_key: record.primaryApiKey,
    api_key: record.apiKey,
    kind: record.kind,
    object_id: record.objectId ?? null,
    actor_kind: author.kind,
    actor_id: author.id,
    actor_name: author.name,
    changes: JSON.stringify(changes),
    ip: author.ip,
    created_at: clock.now().toISOString(),
  });
}

/** The fields whose values differ between two versions of an object (null: it did not exist). */
export function changesBetween<T extends Record<string, FieldValue | undefined>>(
  before: T | null,
  after: T | null,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  return fields.flatMap((field) => {
    const old = before?.[field] ?? null;
    const current = after?.[field] ?? null;
    return old === current ? [] : [{ field, before: old, after: current }];
  });
}
