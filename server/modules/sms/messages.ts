import { microsToEuros } from '../../../contract/money.js';
import type { MessageView } from '../../../contract/sms.js';
import type { Db } from '../../db/database.js';

/** The latest messages of a family (the primary and all its subaccounts), newest first. */
export async function latestMessages(db: Db, primaryApiKey: string, limit: number): Promise<MessageView[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('primary_api_key', '=', primaryApiKey)
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
