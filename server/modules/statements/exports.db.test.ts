import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eurosToMicros } from '../../../contract/money.js';
import { ledgerTotals } from '../../platform/ledger/verify-ledger.js';
import { signInOwner } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.js';
import { activityCsvHeader } from '../activity/export-activity.js';
import { EURO_FORMAT } from './spreadsheet.js';
import { busyFamily, csvRows } from './statement-fixtures.js';
import { transactionColumns } from './exports.js';

const headers = transactionColumns.map((column) => column.header);
const AMOUNT = headers.indexOf('Amount (EUR)');
const BALANCE = headers.indexOf('Balance after (EUR)');

/** Reads an .xlsx back: its rows as cell values, and the first data row's cells. */
async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { sheet, rows };
}


describe('exports: transactions and account activity as .xlsx and CSV', () => {
  let t: TestApp;
  let family: Awaited<ReturnType<typeof busyFamily>>;
  let owner: Browser;
  beforeAll(async () => {
    t = await createTestApp();
    family = await busyFamily(t);
    // The family's months outlast the sign-up's session.
    owner = await signInOwner(t.app, family.owner.apiKey);
  });
  afterAll(() => t.close());

  const familyEntries = () => t.ctx.db.selectFrom('ledger_entries').selectAll().where('primary_api_key', '=', family.owner.apiKey).orderBy('created_at').orderBy('id').execute();

  it('exports every ledger entry of the family to .xlsx, amounts as euro numbers whose totals equal the ledger', async () => {
    const response = await owner.get('/api/exports/transactions?format=xlsx');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="transactions-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const { sheet, rows } = await readXlsx(response.rawPayload);
    expect(rows[0]).toEqual(headers);
    const entries = await familyEntries();
    const data = rows.slice(1);
    expect(data.map((row) => row[0])).toEqual(entries.map((entry) => entry.created_at));
    expect(data.map((row) => row[1])).toEqual(entries.map((entry) => entry.api_key));
    for (const row of data) {
      expect(typeof row[AMOUNT]).toBe('number');
      expect(typeof row[BALANCE]).toBe('number');
      expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(data.map((row) => eurosToMicros(row[AMOUNT] as number))).toEqual(entries.map((entry) => Number(entry.amount_micros)));
    expect(data.map((row) => eurosToMicros(row[BALANCE] as number))).toEqual(entries.map((entry) => Number(entry.balance_after_micros)));
    expect(sheet.getRow(2).getCell(AMOUNT + 1).numFmt).toBe(EURO_FORMAT);

    const totals = await ledgerTotals(t.ctx.db, { primaryApiKey: family.owner.apiKey });
    const sum = (kinds: (kind: string) => boolean) => data.filter((row) => kinds(String(row[4]))).reduce((total, row) => total + eurosToMicros(row[AMOUNT] as number)!, 0);
    expect(sum((kind) => ['test_credit', 'top_up'].includes(kind))).toBe(totals.moneyInMicros);
    expect(-sum((kind) => ['usage', 'number_setup', 'number_rental'].includes(kind))).toBe(totals.moneySpentMicros);
    expect(data.map((row) => row[5])).toContain('Usage: SMS to DE');
  });

  it('exports the same entries to CSV with exact decimal amounts', async () => {
    const response = await owner.get('/api/exports/transactions?format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...data] = csvRows(response.body);
    expect(header).toEqual(headers);
    const entries = await familyEntries();
    expect(data).toHaveLength(entries.length);
    for (const [index, row] of data.entries()) {
      expect(row[AMOUNT]).toMatch(/^-?\d+\.\d{2,6}$/);
      expect(eurosToMicros(row[AMOUNT])).toBe(Number(entries[index].amount_micros));
    }
    expect(data.find((row) => row[4] === 'usage')?.[AMOUNT]).toBe('-0.041');
  });

  it('filters by date range and by subaccount, with the usage a shared-balance subaccount caused on its primary', async () => {
    const range = `from=${encodeURIComponent(family.from)}&to=${encodeURIComponent(family.to)}`;
    const inMonth = csvRows((await owner.get(`/api/exports/transactions?format=csv&${range}`)).body).slice(1);
    const expected = (await familyEntries()).filter((entry) => entry.created_at >= family.from && entry.created_at < family.to);
    expect(inMonth.map((row) => row[0])).toEqual(expected.map((entry) => entry.created_at));

    const shared = csvRows((await owner.get(`/api/exports/transactions?format=csv&${range}&api_key=${family.shared.apiKey}`)).body).slice(1);
    // Three SMS and a number (its setup price, if any, and first month) in the month, all paid from the primary's balance.
    const numberCharges = await t.ctx.db.selectFrom('ledger_entries').select('kind').where('reference', '=', `number:${family.numbers.shared}`).orderBy('created_at').orderBy('id').execute();
    expect(numberCharges.map((row) => row.kind)).toContain('number_rental');
    expect(shared.map((row) => [row[1], row[3], row[4]])).toEqual(
      ['usage', 'usage', 'usage', ...numberCharges.map((row) => row.kind)].map((kind) => [family.owner.apiKey, family.shared.apiKey, kind]),
    );
    const own = csvRows((await owner.get(`/api/exports/transactions?format=csv&api_key=${family.own.apiKey}`)).body).slice(1);
    expect(new Set(own.map((row) => row[1]))).toEqual(new Set([family.own.apiKey]));
    expect(own.filter((row) => row[4] === 'balance_transfer').map((row) => row[AMOUNT])).toEqual(['20.00', '-5.00']);

    expect((await owner.get('/api/exports/transactions?format=pdf')).statusCode).toBe(422);
    expect((await owner.get(`/api/exports/transactions?format=csv&from=${encodeURIComponent(family.to)}&to=${encodeURIComponent(family.from)}`)).statusCode).toBe(422);
  });

  it('lets a Finance member download and refuses a member without invoices:read; a scoped member sees their subaccounts only, without the primary’s balance', async () => {
    const finance = await addMember(t, family.owner.apiKey, { roleId: 'finance' });
    expect((await finance.browser.get('/api/exports/transactions?format=xlsx')).statusCode).toBe(200);
    expect((await finance.browser.get('/api/exports/activity?format=xlsx')).statusCode).toBe(200);

    const developer = await addMember(t, family.owner.apiKey, { roleId: 'developer' });
    const refused = await developer.browser.get('/api/exports/transactions?format=csv');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ permission: 'invoices:read' });
    expect((await developer.browser.get('/api/exports/activity?format=csv')).statusCode).toBe(403);

    const scoped = await addMember(t, family.owner.apiKey, { roleId: 'finance', subaccounts: [family.shared.apiKey] });
    const { rows } = await readXlsx((await scoped.browser.get('/api/exports/transactions?format=xlsx')).rawPayload);
    const data = rows.slice(1);
    expect(data.length).toBeGreaterThan(0);
    for (const row of data) {
      expect(row[3]).toBe(family.shared.apiKey);
      expect(row[BALANCE] ?? null).toBeNull();
    }
    const outside = csvRows((await scoped.browser.get(`/api/exports/transactions?format=csv&api_key=${family.own.apiKey}`)).body);
    expect(outside).toHaveLength(1);
  });

  it('exports the activity log to .xlsx and CSV with the same filters', async () => {
    const entries = await t.ctx.db.selectFrom('activity_entries').select('id').where('primary_api_key', '=', family.owner.apiKey).execute();
    const { rows } = await readXlsx((await owner.get('/api/exports/activity?format=xlsx')).rawPayload);
    expect(rows[0]).toEqual(activityCsvHeader);
    expect(rows).toHaveLength(entries.length + 1);
    const csv = csvRows((await owner.get(`/api/exports/activity?format=csv&api_key=${family.own.apiKey}`)).body);
    expect(csv[0].join(',')).toBe(activityCsvHeader.join(','));
    const own = await t.ctx.db.selectFrom('activity_entries').select('id').where('api_key', '=', family.own.apiKey).execute();
    expect(own.length).toBeGreaterThan(0);
    expect(csv).toHaveLength(own.length + 1);
    const { rows: scopedRows } = await readXlsx(
      (await (await addMember(t, family.owner.apiKey, { roleId: 'finance', subaccounts: [family.own.apiKey] })).browser.get('/api/exports/activity?format=xlsx')).rawPayload,
    );
    expect(scopedRows.slice(1).every((row) => row[5] === family.own.apiKey)).toBe(true);
  });
});
