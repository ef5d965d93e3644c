import { activityActorKinds, activityEntrySchema, type ActivityActors, type ActivityEntry, type ActivityPage, type activityQuerySchema } from '../../../contract/activity.js';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { ActivityEntriesTable } from '../../db/schema.js';
import { fieldError } from '../../platform/problems.js';

type ActivityFilter = z.output<typeof activityQuerySchema>;

interface Cursor {
  createdAt: string;
  id: string;
}

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');

function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // falls through to the field error
  }
  throw fieldError('cursor', 'This cursor is not one this list handed out; start again from the first page');
}

function describeEntry(row: ActivityEntriesTable): ActivityEntry {
  return activityEntrySchema.parse({
    id: row.id,
    created_at: row.created_at,
    kind: row.kind,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    api_key: row.api_key,
    object_id: row.object_id,
    changes: JSON.parse(row.changes),
    ip: row.ip,
  });
}

/**
 * One page of a family's activity, newest first. `visibleAccounts` null shows everything; a list
 * shows only entries about those accounts (a member scoped to some subaccounts).
 */
export async function listActivity(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, filter: ActivityFilter): Promise<ActivityPage> {
  let query = db.selectFrom('activity_entries').selectAll().where('primary_api_key', '=', primaryApiKey);
  if (visibleAccounts) query = query.where('api_key', 'in', visibleAccounts.length > 0 ? [...visibleAccounts] : ['']);
  if (filter.api_key) query = query.where('api_key', '=', filter.api_key);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.actor) {
    const actor = filter.actor;
    query = (activityActorKinds as readonly string[]).includes(actor)
      ? query.where('actor_kind', '=', actor as ActivityEntriesTable['actor_kind'])
      : query.where('actor_id', '=', actor);
  }
  if (filter.from) query = query.where('created_at', '>=', new Date(filter.from).toISOString());
  if (filter.to) query = query.where('created_at', '<', new Date(filter.to).toISOString());
  if (filter.cursor) {
    const { createdAt, id } = decodeCursor(filter.cursor);
    query = query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    entries: page.map(describeEntry),
    next_cursor: rows.length > filter.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/** Who appears in the entries a caller can see, for the actor filter (one row per actor, by name). */
export async function activityActors(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null): Promise<ActivityActors> {
  let query = db.selectFrom('activity_entries').select(['actor_kind', 'actor_id', 'actor_name']).distinct().where('primary_api_key', '=', primaryApiKey);
  if (visibleAccounts) query = query.where('api_key', 'in', visibleAccounts.length > 0 ? [...visibleAccounts] : ['']);
  const rows = await query.where('actor_id', 'is not', null).orderBy('actor_name').limit(500).execute();
  const seen = new Set<string>();
  const actors = rows.flatMap((row) => {
    if (row.actor_id === null || seen.has(row.actor_id)) return [];
    seen.add(row.actor_id);
    return [{ id: row.actor_id, kind: row.actor_kind, name: row.actor_name }];
  });
  return { actors };
}
