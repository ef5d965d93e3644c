import { sql, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { Message, MessageDetail, MessagePage, messageFilterSchema, messageSearchSchema } from '../../../contract/messages.js';
import { microsToEuros } from '../../../contract/money.js';
import type { Db } from '../../db/database.js';
import type { Database, MessagesTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { HOUR } from '../../platform/clock.js';
import { fieldError } from '../../platform/problems.js';
import { webhooksOfMessages } from '../../platform/webhooks/webhooks.js';

type Filter = z.output<typeof messageFilterSchema>;
type Search = z.output<typeof messageSearchSchema>;
type Row = Selectable<MessagesTable>;

/** The console's default window: the last 24 hours. */
export const DEFAULT_WINDOW = 24 * HOUR;

const encodeCursor = (row: Pick<Row, 'created_at' | 'id'>) => Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');

function decodeCursor(text: string): [string, string] {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return [createdAt, id];
  } catch {
    // falls through to the field error
  }
  throw fieldError('cursor', 'This cursor is not one this list handed out; start again from the first page');
}

/**
 * The digit string just past every string that starts with `prefix` ("4479" → "4480"), so that a prefix
 * is a range the indexes can seek, whatever the database's collation; null when there is none ("99").
 */
export function digitsUpperBound(prefix: string): string | null {
  const digits = prefix.split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] !== '9') {
      digits[i] = String(Number(digits[i]) + 1);
      return digits.slice(0, i + 1).join('');
    }
  }
  return null;
}

type Query = SelectQueryBuilder<Database, 'messages', object>;

function startsWith(query: Query, column: 'recipient' | 'sender', prefix: string): Query {
  if (/^\d+$/.test(prefix)) {
    const upper = digitsUpperBound(prefix);
    const from = query.where(column, '>=', prefix);
    return upper ? from.where(column, '<', upper) : from;
  }
  return query.where(column, 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** A part's id leads to its message (the parts share the first 14 characters; the message has the first part's). */
const messageIdOf = (id: string) => (/^[0-9A-Fa-f]{16}$/.test(id) ? `${id.slice(0, 14).toUpperCase()}01` : id);

/** The filters of a search over one family's messages, limited to the accounts a scope shows (null: all). */
export function filteredMessages(db: Db, primaryApiKey: string, visible: readonly string[] | null, filter: Filter, now: Date): Query {
  let query: Query = db.selectFrom('messages').where('primary_api_key', '=', primaryApiKey);
  if (visible) query = query.where('api_key', 'in', visible.length > 0 ? [...visible] : ['']);
  if (filter.api_key) query = query.where('api_key', '=', filter.api_key);
  query = query.where('created_at', '>=', new Date(filter.start ?? now.getTime() - DEFAULT_WINDOW).toISOString());
  if (filter.end) query = query.where('created_at', '<', new Date(filter.end).toISOString());
  if (filter.status) query = query.where('status', '=', filter.status);
  // Literals, so that the planner can use the partial index of inbound messages.
  if (filter.direction) query = query.where('direction', '=', sql.lit(filter.direction));
  if (filter.country) query = query.where('country', '=', filter.country);
  if (filter.client_ref) query = query.where('client_ref', '=', filter.client_ref);
  if (filter.message_id) query = query.where('id', '=', messageIdOf(filter.message_id));
  if (filter.to) query = startsWith(query, 'recipient', filter.to);
  if (filter.from) query = startsWith(query, 'sender', filter.from);
  return query;
}

export function describeMessage(row: Row): Message {
  return {
    id: row.id,
    direction: row.direction,
    api_key: row.api_key,
    from: row.sender,
    to: row.recipient,
    text: row.text,
    encoding: row.encoding,
    parts: row.parts,
    price: microsToEuros(row.price_micros),
    country: row.country,
    network: row.network,
    client_ref: row.client_ref,
    account_ref: row.account_ref,
    status: row.status,
    error_code: row.error_code,
    error_text: row.error_text,
    created_at: row.created_at,
    status_at: row.status_at,
  };
}

/** One page of the search, newest first, keyset-paged on (created_at, id). */
export async function searchMessages(db: Db, primaryApiKey: string, visible: readonly string[] | null, search: Search, now: Date): Promise<MessagePage> {
  let query = filteredMessages(db, primaryApiKey, visible, search, now);
  if (search.cursor) {
    const [createdAt, id] = decodeCursor(search.cursor);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(search.limit + 1).execute();
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return { messages: page.map(describeMessage), next_cursor: rows.length > search.limit && last ? encodeCursor(last) : null };
}

/** A message with its lifecycle and the webhooks sent about it; undefined when the caller may not see it. */
export async function messageDetail(db: Db, primaryApiKey: string, visible: readonly string[] | null, id: string): Promise<MessageDetail | undefined> {
  let query = db.selectFrom('messages').selectAll().where('primary_api_key', '=', primaryApiKey).where('id', '=', id);
  if (visible) query = query.where('api_key', 'in', visible.length > 0 ? [...visible] : ['']);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return { ...describeMessage(row), lifecycle: lifecycleOf(row), webhooks: await webhooksOfMessages(db, [row.id]) };
}

/** Received; rejected by the API (never charged, so never submitted); or submitted, then what the carrier reported. */
function lifecycleOf(row: Row): MessageDetail['lifecycle'] {
  if (row.direction === 'inbound') return [{ status: 'received', at: row.created_at }];
  if (row.status === 'rejected' && row.price_micros === 0) return [{ status: 'rejected', at: row.created_at }];
  const submitted = { status: 'submitted' as const, at: row.created_at };
  return row.status === 'submitted' ? [submitted] : [submitted, { status: row.status, at: row.status_at ?? row.created_at }];
}
