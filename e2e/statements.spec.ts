import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { createAccount, signIn } from './support/accounts.js';
import { advanceServerClock } from './support/clock.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { addMember } from './support/members.js';
import { runAdmin } from './support/operator.js';
import { createSubaccountViaApi, transferViaApi } from './support/subaccount-family.js';

// Statements & exports: a Finance member downloads the family's transactions as .xlsx and the month's
// statement as a PDF, and both files say what the ledger says.

const [laptop, , phone] = screenSizes;

/** Clicks `button`, waits for the file the page saves, and returns its bytes and name. */
async function downloaded(page: Page, button: ReturnType<Page['getByRole']>) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

test('a Finance member downloads the transactions as .xlsx and the month’s statement as a PDF', async ({ request, browser }) => {
  test.setTimeout(120_000);
  const owner = await createAccount(request);
  runAdmin(['topup', '--account', owner.apiKey, '--amount', '50', '--reference', `e2e-${owner.apiKey}`]);
  const customer = await createSubaccountViaApi(request, owner, 'Northwind Traders', true);
  await transferViaApi(request, owner, 'balance', { from: owner.apiKey, to: customer.apiKey, amount: 12.5 });
  const { now } = await advanceServerClock(request, 0);
  const month = now.slice(0, 7);

  const member = await addMember(request, { roleId: 'finance' });
  const context = await browser.newContext({ viewport: laptop, acceptDownloads: true });
  const memberPage = await context.newPage();
  await memberPage.goto('/');
  await signIn(memberPage, member.email, member.temporaryPassword);
  await memberPage.getByLabel('Current password').fill(member.temporaryPassword);
  await memberPage.getByLabel('New password').fill('Finance own password 1');
  await memberPage.getByRole('button', { name: 'Set password' }).click();
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await memberPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statements & exports' }).click();
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Statements & exports' })).toBeVisible();

  // Download transactions (.xlsx): every ledger entry of the family, amounts as euro numbers.
  const transactions = memberPage.getByRole('form', { name: 'Download transactions' });
  await expect(transactions.getByLabel('Format')).toHaveValue('xlsx');
  const xlsx = await downloaded(memberPage, transactions.getByRole('button', { name: 'Download transactions' }));
  expect(xlsx.name).toMatch(/^transactions-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(transactions.getByRole('status')).toHaveText(new RegExp(`Saved ${xlsx.name.replace('.', '\\.')} \\(`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  const amount = header.indexOf('Amount (EUR)') + 1;
  const rows = Array.from({ length: sheet.rowCount - 1 }, (_, index) => sheet.getRow(index + 2));
  // Test credit and the top-up on the primary, the transfer out of it and into the subaccount.
  expect(rows.map((row) => row.getCell(header.indexOf('Kind') + 1).value)).toEqual(['test_credit', 'top_up', 'balance_transfer', 'balance_transfer']);
  const amounts = rows.map((row) => row.getCell(amount).value as number);
  // The transfer's two sides share one instant: their order between them is the entries' ids'.
  expect([...amounts.slice(0, 2), ...amounts.slice(2).sort((a, b) => a - b)]).toEqual([2, 50, -12.5, 12.5]);
  expect(rows[1].getCell(amount).numFmt).toContain('€');

  // A subaccount filter that is not an API key is refused beside its field, without a download.
  await transactions.getByLabel('Account or subaccount (optional)').fill('nope');
  await transactions.getByRole('button', { name: 'Download transactions' }).click();
  await expect(transactions.getByLabel('Account or subaccount (optional)')).toHaveAccessibleDescription(/8 lowercase hexadecimal/);
  await transactions.getByLabel('Account or subaccount (optional)').fill('');

  // The month's statement as a PDF: opening balance, money in, transfers, closing balance.
  const statement = memberPage.getByRole('form', { name: 'Download a statement' });
  await statement.getByLabel('Month').fill(month);
  await expect(statement.getByLabel('Format')).toHaveValue('pdf');
  const pdf = await downloaded(memberPage, statement.getByRole('button', { name: 'Download statement' }));
  expect(pdf.name).toBe(`statement-${month}-${owner.apiKey}.pdf`);
  const text = (await new PDFParse({ data: new Uint8Array(pdf.bytes) }).getText()).text.replace(/\s+/g, ' ');
  expect(text).toContain(owner.companyName);
  expect(text).toContain('Opening balance €0.00');
  expect(text).toContain('Money in €52.00');
  expect(text).toContain(`Northwind Traders (${customer.apiKey})`);
  expect(text).toContain('Balance transfer out · 1 entry -€12.50');
  expect(text).toContain('Closing balance €52.00');
  await expect(statement.getByRole('status')).toContainText(pdf.name);

  await checkLayout(memberPage, laptop, 'statements');
  await memberPage.setViewportSize(phone);
  await checkLayout(memberPage, phone, 'statements');
  await context.close();
});
