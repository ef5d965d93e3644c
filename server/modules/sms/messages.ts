import { microsToEuros } from '../../../contract/money.js';
import type { MessageView } from '../../../contract/sms.js';
import type { Db } from '../../db/database.js';
import { visibleSubaccounts, type Scope } from '../../platform/auth/scope.js';

/** The latest messages of a family (all of it, or only the subaccounts the scope shows), newest first. */
export async function latestMessages(db: Db, primaryApiKey: string, scope: Scope, limit: number): Promise<MessageView[]> {
  const visible = visibleSubaccounts(scope);
  if (visible?.length === 0) return [];
  let query = db.selectFrom('messages').selectAll().where('primary_api_key', '=', primaryApiKey);
  if (visible) query = query.where('api_key', 'in', visible);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    api_key: row.api_key,
    from: row.sender,
    to: row.recipient,
    text: row.text,
    encoding: row.encoding,
    parts: row.parts,
    price: microsToEuros(row.price_micros),
    country: row.country,
    client_ref: row.client_ref,
    status: row.status,
    created_at: row.created_at,
  }));
}
