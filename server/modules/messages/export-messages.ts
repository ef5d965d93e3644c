import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { z } from 'zod';
import { MESSAGE_PAGE_MAX, messageStatusLabels, type Message, type messageFilterSchema } from '../../../contract/messages.js';
import type { Db } from '../../db/database.js';
import { searchMessages } from './search.js';

export const messageCsvHeader = [
  'Time (UTC)',
  'Direction',
  'Message ID',
  'Account',
  'From',
  'To',
  'Country',
  'Network',
  'Status',
  'Error code',
  'Error',
  'Parts',
  'Price (EUR)',
  'Client ref',
  'Account ref',
  'Text',
];

const csvRow = (message: Message): (string | number)[] => [
  message.created_at,
  message.direction,
  message.id,
  message.api_key,
  message.from,
  message.to,
  message.country ?? '',
  message.network ?? '',
  messageStatusLabels[message.status],
  message.error_code ?? '',
  message.error_text ?? '',
  message.parts,
  message.price,
  message.client_ref ?? '',
  message.account_ref ?? '',
  message.text ?? '',
];

/**
 * Every message the search selects, newest first, as CSV streamed page by page (never the whole
 * result in memory). A cell a spreadsheet would run as a formula is prefixed with an apostrophe.
 */
export function messagesCsv(db: Db, primaryApiKey: string, visible: readonly string[] | null, filter: z.output<typeof messageFilterSchema>, now: Date): Readable {
  async function* rows() {
    let cursor: string | undefined;
    do {
      const page = await searchMessages(db, primaryApiKey, visible, { ...filter, cursor, limit: MESSAGE_PAGE_MAX }, now);
      for (const message of page.messages) yield csvRow(message);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: messageCsvHeader, escape_formulas: true, record_delimiter: 'windows', bom: true }));
}
