import { once } from 'node:events';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { microsToDecimalText, microsToEuros } from '../../../contract/money.js';

/** A cell: text, a count, or an amount of micro-euros (`{ micros }`), which becomes euros. */
export type Cell = string | number | null | { micros: number };
export type SheetColumn = { header: string; width: number; money?: boolean };

/** Euros with as many of the six decimals as the amount has, as a currency in every spreadsheet. */
export const EURO_FORMAT = '"€"#,##0.00####;-"€"#,##0.00####';

/** Rows between two looks at the output: how far the workbook may run ahead of the client. */
const ROWS_PER_TURN = 500;

/** A text cell a spreadsheet would run as a formula, defused with an apostrophe (amounts are not text: `-12.50` stays a number). */
const defused = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * Rows as CSV (RFC 4180, CRLF, a BOM so that spreadsheets read UTF-8; text starting `= + - @`
 * defused with an apostrophe; amounts as exact decimal text). Streamed with back-pressure; when the
 * client goes away the source stops.
 */
export function csvStream(columns: readonly SheetColumn[], rows: AsyncIterable<Cell[]>): Readable {
  async function* text() {
    for await (const row of rows) {
      yield row.map((cell) => (cell === null || typeof cell === 'number' ? cell : typeof cell === 'string' ? defused(cell) : microsToDecimalText(cell.micros)));
    }
  }
  const output = stringify({ header: true, columns: columns.map((column) => column.header), record_delimiter: 'windows', bom: true, cast: { number: String } });
  pipeline(Readable.from(text()), output, () => undefined);
  return output;
}

/**
 * Rows as one .xlsx sheet, written row by row with exceljs's streaming writer (the workbook is never
 * held whole). Amounts are numeric cells in euros with a currency format: an integer of micro-euros
 * divided by 10⁶ is the double nearest the exact decimal, so Excel shows and sums it exactly to the
 * micro-euro. exceljs does not wait for its reader, so every few hundred rows the writer waits for the
 * output to drain (a slow client holds the export back instead of filling memory) and stops if the
 * client has gone.
 */
export function xlsxStream(sheetName: string, columns: readonly SheetColumn[], rows: AsyncIterable<Cell[]>): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  // One style object per kind of cell, shared by every cell: exceljs recognises a style object it has
  // seen and skips working out its style id again (a fresh object per cell costs ~3× the time).
  const styles = columns.map((column) => (column.money ? { numFmt: EURO_FORMAT } : {}));
  sheet.getRow(1).font = { bold: true };
  async function write() {
    let count = 0;
    for await (const row of rows) {
      if (output.destroyed) return;
      const added = sheet.addRow(row.map((cell) => (cell !== null && typeof cell === 'object' ? microsToEuros(cell.micros) : cell)));
      added.eachCell((cell, column) => (cell.style = styles[column - 1]));
      added.commit();
      count += 1;
      if (count % ROWS_PER_TURN === 0) {
        await nextTurn();
        if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
      }
    }
    sheet.commit();
    await workbook.commit();
  }
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}
