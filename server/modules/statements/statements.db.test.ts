import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eurosToMicros } from '../../../contract/money.js';
import type { Statement } from '../../../contract/statements.js';
import { ledgerTotals } from '../../platform/ledger/verify-ledger.js';
import { signInOwner } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.js';
import { statementCsvColumns } from './statement-files.js';
import { busyFamily, csvRows } from './statement-fixtures.js';

const pdfText = async (data: Buffer) => (await new PDFParse({ data: new Uint8Array(data) }).getText()).text.replace(/\s+/g, ' ');
const micros = (euros: number | null) => (euros === null ? null : eurosToMicros(euros));

describe('monthly statements', () => {
  let t: TestApp;
  let family: Awaited<ReturnType<typeof busyFamily>>;
  let owner: Browser;
  beforeAll(async () => {
    t = await createTestApp();
    family = await busyFamily(t);
    owner = await signInOwner(t.app, family.owner.apiKey);
  });
  afterAll(() => t.close());

  it('equals the ledger for the month: verify-ledger’s sums over the period, and each balance before and after it', async () => {
    const response = await owner.get(`/api/statements/${family.month}`);
    expect(response.statusCode, response.body).toBe(200);
    const statement = response.json() as Statement;
    const key = family.owner.apiKey;
    const month = await ledgerTotals(t.ctx.db, { primaryApiKey: key, from: family.from, to: family.to });
    const before = await ledgerTotals(t.ctx.db, { primaryApiKey: key, to: family.from });
    const after = await ledgerTotals(t.ctx.db, { primaryApiKey: key, to: family.to });

    expect(micros(statement.totals.money_in)).toBe(month.moneyInMicros);
    expect(micros(statement.totals.usage)).toBe(-month.moneySpentMicros);
    expect(statement.totals.transfers).toBe(0);
    expect(month.moneyInMicros).toBe(50_000_000);
    expect(month.moneySpentMicros).toBeGreaterThan(0);
    const sum = (values: Map<string, number>) => [...values.values()].reduce((total, value) => total + value, 0);
    expect(micros(statement.totals.opening_balance)).toBe(sum(before.byAccount));
    expect(micros(statement.totals.closing_balance)).toBe(sum(after.byAccount));
    for (const account of statement.accounts.filter((each) => each.own_balance)) {
      expect(micros(account.opening_balance)).toBe(before.byAccount.get(account.api_key) ?? 0);
      expect(micros(account.closing_balance)).toBe(after.byAccount.get(account.api_key) ?? 0);
    }
    expect(statement.accounts[0]).toMatchObject({ api_key: key, own_balance: true });
    expect(statement.accounts.slice(1).map((account) => [account.api_key, account.own_balance])).toEqual(
      expect.arrayContaining([
        [family.shared.apiKey, false],
        [family.own.apiKey, true],
      ]),
    );

    // Usage per account that caused it: the shared subaccount's SMS by country and its number, on the primary's balance.
    const sharedLines = statement.lines.filter((line) => line.used_by === family.shared.apiKey);
    expect(sharedLines.every((line) => line.api_key === key)).toBe(true);
    expect(sharedLines.filter((line) => line.kind === 'usage').map((line) => [line.country, line.count])).toEqual([
      ['DE', 1],
      ['GB', 2],
    ]);
    const messages = await t.ctx.db
      .selectFrom('messages')
      .select('price_micros')
      .where('api_key', '=', family.shared.apiKey)
      .where('created_at', '>=', family.from)
      .where('created_at', '<', family.to)
      .execute();
    expect(sharedLines.filter((line) => line.kind === 'usage').reduce((total, line) => total + micros(line.amount)!, 0)).toBe(-messages.reduce((total, row) => total + row.price_micros, 0));
    expect(sharedLines.map((line) => line.kind)).toContain('number_rental');
    expect(statement.lines.filter((line) => line.kind === 'balance_transfer').map((line) => [line.api_key, line.amount])).toEqual(
      expect.arrayContaining([
        [key, -20],
        [key, 5],
        [family.own.apiKey, 20],
        [family.own.apiKey, -5],
      ]),
    );
  });

  it('is the same as a PDF (text read back) and as CSV', async () => {
    const statement = (await owner.get(`/api/statements/${family.month}`)).json() as Statement;
    const pdf = await owner.get(`/api/statements/${family.month}/file?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="statement-${family.month}-${family.owner.apiKey}.pdf"`);
    const text = await pdfText(pdf.rawPayload);
    const euro = (amount: number) => `${amount < 0 ? '-' : ''}€${Math.abs(amount).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
    expect(text).toContain(`Statement ${new Date(family.from).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`);
    expect(text).toContain(`Opening balance ${euro(statement.totals.opening_balance!)}`);
    expect(text).toContain(`Money in ${euro(statement.totals.money_in)}`);
    expect(text).toContain(`Usage ${euro(statement.totals.usage)}`);
    expect(text).toContain(`Closing balance ${euro(statement.totals.closing_balance!)}`);
    expect(text).toContain(`SMS to DE · Shared Ltd (${family.shared.apiKey}) · 1 entry`);
    expect(text).toContain('Number rental');
    expect(text).toContain(`Own GmbH (${family.own.apiKey})`);

    const csv = await owner.get(`/api/statements/${family.month}/file?format=csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = csvRows(csv.body);
    expect(header).toEqual(statementCsvColumns.map((column) => column.header));
    const total = (item: string) => rows.find((row) => row[2] === 'Total' && row[3] === item)?.[7];
    expect(eurosToMicros(total('Closing balance')!)).toBe(micros(statement.totals.closing_balance));
    expect(eurosToMicros(total('Usage')!)).toBe(micros(statement.totals.usage));
    const lines = rows.filter((row) => !['Opening balance', 'Closing balance', 'Total'].includes(row[2]));
    expect(lines.reduce((sum, row) => sum + eurosToMicros(row[7])!, 0)).toBe(micros(statement.totals.money_in)! + micros(statement.totals.usage)!);
  });

  it('gives one subaccount’s statement to forward: its usage only, its own balance when it has one', async () => {
    const shared = (await owner.get(`/api/statements/${family.month}/accounts/${family.shared.apiKey}`)).json() as Statement;
    expect(shared.api_key).toBe(family.shared.apiKey);
    expect(shared.accounts).toEqual([expect.objectContaining({ api_key: family.shared.apiKey, own_balance: false, opening_balance: null, closing_balance: null })]);
    expect(shared.totals.opening_balance).toBeNull();
    expect(new Set(shared.lines.map((line) => line.used_by))).toEqual(new Set([family.shared.apiKey]));
    expect(shared.totals.money_in).toBe(0);

    const own = (await owner.get(`/api/statements/${family.month}/accounts/${family.own.apiKey}`)).json() as Statement;
    const before = await ledgerTotals(t.ctx.db, { primaryApiKey: family.owner.apiKey, to: family.from });
    const after = await ledgerTotals(t.ctx.db, { primaryApiKey: family.owner.apiKey, to: family.to });
    expect(micros(own.totals.opening_balance)).toBe(before.byAccount.get(family.own.apiKey) ?? 0);
    expect(micros(own.totals.closing_balance)).toBe(after.byAccount.get(family.own.apiKey));
    expect(own.totals.transfers).toBe(15);
    const text = await pdfText((await owner.get(`/api/statements/${family.month}/accounts/${family.own.apiKey}/file?format=pdf`)).rawPayload);
    expect(text).toContain(`Account ${family.owner.apiKey} · subaccount ${family.own.apiKey}`);
    expect(text).not.toContain('Shared Ltd');
  });

  it('is stored by the monthly job once per family, and served as stored', async () => {
    // The requests above stored the closed month already; the job draws up what is missing.
    await t.ctx.db.deleteFrom('statements').execute();
    const reports = await t.jobs.runDue();
    expect(reports.find((report) => report.job === 'monthly-statements')?.outcome).toBe(`1 statements for ${family.month}`);
    const stored = await t.ctx.db.selectFrom('statements').select(['month', 'created_at']).where('primary_api_key', '=', family.owner.apiKey).execute();
    expect(stored.map((row) => row.month)).toEqual([family.month]);
    expect((await t.jobs.runDue()).find((report) => report.job === 'monthly-statements')).toBeUndefined();
    const first = (await owner.get(`/api/statements/${family.month}`)).json() as Statement;
    t.clock.advance(60_000);
    expect(first.generated_at).toBe(stored[0].created_at);
    expect(((await owner.get(`/api/statements/${family.month}`)).json() as Statement).generated_at).toBe(first.generated_at);
    expect((await owner.get('/api/statements/2999-01')).statusCode).toBe(422);
    expect((await owner.get('/api/statements/2026-13')).statusCode).toBe(422);
  });

  it('needs invoices:read (a Finance member has it); a scoped member gets their subaccounts’ part and no other account’s statement', async () => {
    const finance = await addMember(t, family.owner.apiKey, { roleId: 'finance' });
    expect((await finance.browser.get(`/api/statements/${family.month}/file?format=pdf`)).statusCode).toBe(200);
    const developer = await addMember(t, family.owner.apiKey, { roleId: 'developer' });
    const refused = await developer.browser.get(`/api/statements/${family.month}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ permission: 'invoices:read' });

    const scoped = await addMember(t, family.owner.apiKey, { roleId: 'finance', subaccounts: [family.shared.apiKey] });
    const part = (await scoped.browser.get(`/api/statements/${family.month}`)).json() as Statement;
    expect(part.accounts.map((account) => account.api_key)).toEqual([family.shared.apiKey]);
    expect(part.totals.closing_balance).toBeNull();
    expect(new Set(part.lines.map((line) => line.used_by))).toEqual(new Set([family.shared.apiKey]));
    expect((await scoped.browser.get(`/api/statements/${family.month}/accounts/${family.own.apiKey}`)).statusCode).toBe(404);
    expect((await scoped.browser.get(`/api/statements/${family.month}/accounts/${family.shared.apiKey}/file?format=csv`)).statusCode).toBe(200);
  });
});
