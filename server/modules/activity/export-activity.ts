import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { ACTIVITY_PAGE_MAX, activityKindLabels, type activityExportQuerySchema, type ActivityEntry } from '../../../contract/activity.js';
import { describeChange } from '../../../contract/activity-text.js';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { listActivity } from './list-activity.js';

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 6 });

export const activityCsvHeader = ['Time (UTC)', 'What', 'Kind', 'Who', 'Actor kind', 'Account', 'Object', 'Changes', 'IP address'];

export function activityRow(entry: ActivityEntry): string[] {
  return [
    entry.created_at,
    activityKindLabels[entry.kind],
    entry.kind,
    entry.actor.name,
    entry.actor.kind,
    entry.api_key ?? '',
    entry.object_id ?? '',
    entry.changes.map((change) => describeChange(change, (amount) => euros.format(amount))).join('; '),
    entry.ip ?? '',
  ];
}

/** Every entry the filters select, newest first, read page by page (the whole log is never held in memory). */
export async function* activityEntries(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, filter: z.output<typeof activityExportQuerySchema>) {
  let cursor: string | undefined;
  do {
    const page = await listActivity(db, primaryApiKey, visibleAccounts, { ...filter, cursor, limit: ACTIVITY_PAGE_MAX });
    yield* page.entries;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

/**
 * Every entry the filters select, newest first, as CSV streamed page by page (the whole log is never
 * held in memory). csv-stringify quotes and escapes; a cell that a spreadsheet would run as a formula
 * (=, +, -, @ first) is prefixed with an apostrophe.
 */
export function activityCsv(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, filter: z.output<typeof activityExportQuerySchema>): Readable {
  async function* rows() {
    for await (const entry of activityEntries(db, primaryApiKey, visibleAccounts, filter)) yield activityRow(entry);
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: activityCsvHeader, escape_formulas: true, record_delimiter: 'windows', bom: true }));
}
