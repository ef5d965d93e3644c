import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { csvStream, type Cell, type SheetColumn } from './spreadsheet.js';
import { lineLabel, lineSection, statementTotals, type StatementData } from './statement.js';

const sectionTitles = { money_in: 'Money in', usage: 'Usage', transfers: 'Transfers' } as const;
const sections = ['money_in', 'usage', 'transfers'] as const;

/** Euros to the micro-euro for people: €1,234.50, -€0.041 (Helvetica has no minus sign). */
const euros = (micros: number) =>
  `${micros < 0 ? '-' : ''}€${(Math.abs(micros) / 1_000_000).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;

const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const statementFilename = (statement: StatementData, extension: string) => `statement-${statement.month}-${statement.api_key ?? statement.primary_api_key}.${extension}`;

/** Each balance of the statement with its lines, in the order both files print them. */
function blocks(statement: StatementData) {
  const names = new Map(statement.accounts.map((account) => [account.api_key, account.name]));
  const name = (key: string) => `${names.get(key) ?? 'Account'} (${key})`;
  const keys = [...new Set([...statement.accounts.filter((account) => account.own_balance).map((account) => account.api_key), ...statement.lines.map((line) => line.api_key)])];
  return keys.map((key) => ({
    key,
    title: name(key),
    account: statement.accounts.find((account) => account.api_key === key && account.own_balance) ?? null,
    sections: sections.map((section) => ({
      section,
      lines: statement.lines
        .filter((line) => line.api_key === key && lineSection(line) === section)
        .map((line) => ({ ...line, label: lineLabel(line), usedBy: line.used_by === key ? null : name(line.used_by) })),
    })),
  }));
}

/**
 * The statement as a PDF: per balance its opening balance, money in, usage (each SMS destination, the
 * numbers) with who caused it, transfers and closing balance; then the totals. Dated from the statement,
 * so a stored statement renders the same however often it is downloaded.
 */
export function statementPdf(statement: StatementData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Statement ${statement.month}`, CreationDate: new Date(statement.generated_at) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const row = (label: string, amount: string, options: { bold?: boolean; indent?: number } = {}) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    doc.text(label, left + (options.indent ?? 0), y, { width: right - left - 140 - (options.indent ?? 0) });
    const after = doc.y;
    doc.text(amount, right - 130, y, { width: 130, align: 'right' });
    doc.y = Math.max(after, doc.y);
    doc.x = left;
  };

  doc.font('Helvetica-Bold').fontSize(18).text(`Statement ${monthName(statement.month)}`);
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  doc.text(statement.company_name);
  doc.text(`Account ${statement.primary_api_key}${statement.api_key && statement.api_key !== statement.primary_api_key ? ` · subaccount ${statement.api_key}` : ''}`);
  doc.text(`Period ${statement.from.slice(0, 10)} to ${statement.to.slice(0, 10)} (UTC, end excluded) · generated ${statement.generated_at}`);
  doc.text('Amounts in EUR.');

  for (const block of blocks(statement)) {
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(13).text(block.title);
    doc.moveDown(0.3);
    if (block.account) row('Opening balance', euros(block.account.opening_micros ?? 0), { bold: true });
    for (const { section, lines } of block.sections) {
      if (!lines.length) continue;
      doc.moveDown(0.3);
      row(sectionTitles[section], '', { bold: true });
      for (const line of lines) {
        const what = `${line.label}${line.usedBy ? ` · ${line.usedBy}` : ''} · ${line.count} ${line.count === 1 ? 'entry' : 'entries'}`;
        row(what, euros(line.amount_micros), { indent: 12 });
      }
    }
    if (block.account) {
      doc.moveDown(0.3);
      row('Closing balance', euros(block.account.closing_micros ?? 0), { bold: true });
    }
  }

  const totals = statementTotals(statement);
  doc.moveDown(1);
  doc.font('Helvetica-Bold').fontSize(13).text('Totals');
  doc.moveDown(0.3);
  if (totals.opening_micros !== null) row('Opening balance', euros(totals.opening_micros));
  row('Money in', euros(totals.money_in_micros));
  row('Usage', euros(totals.usage_micros));
  row('Transfers', euros(totals.transfers_micros));
  if (totals.closing_micros !== null) row('Closing balance', euros(totals.closing_micros), { bold: true });
  doc.end();
  return done;
}

export const statementCsvColumns: SheetColumn[] = [
  { header: 'Balance of', width: 10 },
  { header: 'Account name', width: 24 },
  { header: 'Section', width: 16 },
  { header: 'Item', width: 24 },
  { header: 'Country', width: 8 },
  { header: 'Used by', width: 10 },
  { header: 'Entries', width: 8 },
  { header: 'Amount (EUR)', width: 16, money: true },
];

/** The statement as CSV: one row per line, each balance between its opening and closing rows, then the totals. */
export function statementCsv(statement: StatementData): Readable {
  async function* rows(): AsyncGenerator<Cell[]> {
    for (const block of blocks(statement)) {
      const name = block.account ? (statement.accounts.find((account) => account.api_key === block.key)?.name ?? '') : '';
      if (block.account) yield [block.key, name, 'Opening balance', '', null, null, null, { micros: block.account.opening_micros ?? 0 }];
      for (const { section, lines } of block.sections) {
        for (const line of lines) yield [block.key, name, sectionTitles[section], line.label, line.country, line.used_by, line.count, { micros: line.amount_micros }];
      }
      if (block.account) yield [block.key, name, 'Closing balance', '', null, null, null, { micros: block.account.closing_micros ?? 0 }];
    }
    const totals = statementTotals(statement);
    if (totals.opening_micros !== null) yield ['', '', 'Total', 'Opening balance', null, null, null, { micros: totals.opening_micros }];
    yield ['', '', 'Total', 'Money in', null, null, null, { micros: totals.money_in_micros }];
    yield ['', '', 'Total', 'Usage', null, null, null, { micros: totals.usage_micros }];
    yield ['', '', 'Total', 'Transfers', null, null, null, { micros: totals.transfers_micros }];
    if (totals.closing_micros !== null) yield ['', '', 'Total', 'Closing balance', null, null, null, { micros: totals.closing_micros }];
  }
  return csvStream(statementCsvColumns, rows());
}
