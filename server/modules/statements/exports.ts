import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { activityExportQuerySchema } from '../../../contract/activity.js';
import type { ExportFormat } from '../../../contract/statements.js';
import type { Db } from '../../db/database.js';
import { activityCsv, activityCsvHeader, activityEntries, activityRow } from '../activity/export-activity.js';
import { csvStream, xlsxStream, type Cell, type SheetColumn } from './spreadsheet.js';
import { describeTransaction, transactionRows, type ExportFilter } from './transactions.js';

export const transactionColumns: SheetColumn[] = [
  { header: 'Time (UTC)', width: 26 },
  { header: 'Account', width: 10 },
  { header: 'Account name', width: 24 },
  { header: 'Used by', width: 10 },
  { header: 'Kind', width: 16 },
  { header: 'Description', width: 32 },
  { header: 'Amount (EUR)', width: 16, money: true },
  { header: 'Balance after (EUR)', width: 18, money: true },
  { header: 'Reference', width: 30 },
];

async function accountNames(db: Db, primaryApiKey: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('accounts').select(['api_key', 'name']).where('primary_api_key', '=', primaryApiKey).execute();
  return new Map(rows.map((row) => [row.api_key, row.name]));
}

/** "Download transactions": the family's ledger entries the filters select, oldest first. */
export async function transactionsExport(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, filter: ExportFilter): Promise<Readable> {
  const names = await accountNames(db, primaryApiKey);
  async function* rows(): AsyncGenerator<Cell[]> {
    for await (const row of transactionRows(db, primaryApiKey, visibleAccounts, filter)) {
      yield [
        row.created_at,
        row.api_key,
        names.get(row.api_key) ?? '',
        row.used_by,
        row.kind,
        describeTransaction(row),
        { micros: row.amount_micros },
        row.balance_after_micros === null ? null : { micros: row.balance_after_micros },
        row.reference,
      ];
    }
  }
  return filter.format === 'xlsx' ? xlsxStream('Transactions', transactionColumns, rows()) : csvStream(transactionColumns, rows());
}

/** "Download account activity": the activity log's entries the filters select, newest first, as the Activity page's CSV has them. */
export function activityExport(db: Db, primaryApiKey: string, visibleAccounts: readonly string[] | null, filter: ExportFilter): Readable {
  const activityFilter: z.output<typeof activityExportQuerySchema> = { from: filter.from, to: filter.to, api_key: filter.api_key };
  if (filter.format === 'csv') return activityCsv(db, primaryApiKey, visibleAccounts, activityFilter);
  async function* rows(): AsyncGenerator<Cell[]> {
    for await (const entry of activityEntries(db, primaryApiKey, visibleAccounts, activityFilter)) yield activityRow(entry);
  }
  const widths = [26, 24, 22, 24, 10, 10, 24, 60, 16];
  return xlsxStream('Account activity', activityCsvHeader.map((header, index) => ({ header, width: widths[index] ?? 20 })), rows());
}

export const exportContentTypes: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
