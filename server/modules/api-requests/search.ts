import type { z } from 'zod';
import type { ApiRequestPage, apiRequestQuerySchema } from '../../../contract/api-requests.js';
import type { Db } from '../../db/database.js';
import { fieldError } from '../../platform/problems.js';

type ApiRequestQuery = z.output<typeof apiRequestQuerySchema>;

interface Cursor {
  createdAt: string;
  id: number;
}

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');

function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && Number.isSafeInteger(id)) return { createdAt, id: id as number };
  } catch {
    // falls through to the field error
  }
  throw fieldError('cursor', 'This cursor is not one this list handed out; start again from the first page');
}

const columns = ['id', 'created_at', 'api_key', 'method', 'path', 'status', 'latency_ms', 'request_id', 'error_type', 'error_title', 'client_ip', 'user_agent'] as const;

/**
 * One page of a family's API requests, newest first. Every filter is an equality that one index
 * (migration 029) has before (created_at, id), so a page reads about `limit` rows whatever the table's
 * size. `visibleAccounts` null shows every key of the family; a list only those keys (a scoped member).
 */
export async function searchApiRequests(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, filter: ApiRequestQuery): Promise<ApiRequestPage> {
  if (filter.api_key && visibleAccounts && !visibleAccounts.includes(filter.api_key)) return { requests: [], next_cursor: null };
  let query = db.selectFrom('api_requests').select(columns).where('primary_api_key', '=', primaryApiKey);
  if (filter.api_key) query = query.where('api_key', '=', filter.api_key);
  else if (visibleAccounts) query = query.where('api_key', 'in', visibleAccounts.length > 0 ? [...visibleAccounts] : ['']);
  if (filter.endpoint) {
    const space = filter.endpoint.indexOf(' ');
    query = query.where('path', '=', filter.endpoint.slice(space + 1)).where('method', '=', filter.endpoint.slice(0, space));
  }
  if (filter.status) query = query.where('status', '=', filter.status);
  else if (filter.status_class) query = query.where('status_class', '=', Number(filter.status_class[0]));
  if (filter.request_id) query = query.where('request_id', '=', filter.request_id);
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
    requests: page.map((row) => ({ ...row, id: String(row.id) })),
    next_cursor: rows.length > filter.limit && last ? encodeCursor({ createdAt: last.created_at, id: Number(last.id) }) : null,
  };
}

/** One request of the family, if the caller may see its key. */
export async function findApiRequest(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, id: number) {
  const row = await db.selectFrom('api_requests').select(columns).where('primary_api_key', '=', primaryApiKey).where('id', '=', id).executeTakeFirst();
  if (!row || (visibleAccounts && !visibleAccounts.includes(row.api_key))) return null;
  return { ...row, id: String(row.id) };
}

/** The family's accounts whose requests the caller may see, the primary first, for the key filter. */
export async function familyAccounts(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null) {
  let query = db.selectFrom('accounts').select(['api_key', 'name', 'company_name']).where('primary_api_key', '=', primaryApiKey);
  if (visibleAccounts) query = query.where('api_key', 'in', visibleAccounts.length > 0 ? [...visibleAccounts] : ['']);
  const rows = await query.orderBy('name').orderBy('api_key').limit(2000).execute();
  return rows
    .map((row) => ({ api_key: row.api_key, name: row.api_key === primaryApiKey ? row.company_name : row.name, primary: row.api_key === primaryApiKey }))
    .sort((a, b) => Number(b.primary) - Number(a.primary));
}
