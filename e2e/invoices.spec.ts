import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { createAccount, signIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { addMember } from './support/members.js';
import { runAdmin } from './support/operator.js';

// Invoices for finance users: a Finance member signs in, finds the final invoice of a bank transfer
// the operator received, downloads its PDF (addressed to the company with its VAT number, reverse
// charge), and cannot change the API settings.

const [laptop, , phone] = screenSizes;

test('a Finance member downloads an invoice PDF and cannot change the API settings', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const owner = await createAccount(page.request);
  const csrf = ((await (await page.request.get('/api/session')).json()) as { csrf_token: string }).csrf_token;
  const company = await page.request.put('/api/company', {
    headers: { 'x-csrf-token': csrf },
    data: { company_name: 'Grünwald Kommunikation GmbH', address_line: 'Leopoldstraße 12', city: 'München', postcode: '80802', country: 'DE', vat_number: 'DE136695976' },
  });
  expect(company.status(), await company.text()).toBe(200);
  const transfer = await page.request.post('/api/billing/bank-transfers', { headers: { 'x-csrf-token': csrf, 'idempotency-key': `e2e-${owner.apiKey}` }, data: { amount: 250 } });
  expect(transfer.status(), await transfer.text()).toBe(201);
  const { reference } = (await transfer.json()) as { reference: string };
  runAdmin(['settle-bank-transfer', '--reference', reference, '--amount', '250']);
  const member = await addMember(page.request, { roleId: 'finance' });

  const context = await browser.newContext({ viewport: { width: laptop.width, height: laptop.height }, acceptDownloads: true });
  const finance = await context.newPage();
  await finance.goto('/invoices');
  await signIn(finance, member.email, member.temporaryPassword);
  await finance.getByLabel('Current password').fill(member.temporaryPassword);
  await finance.getByLabel('New password').fill('Finance own password 3');
  await finance.getByRole('button', { name: 'Set password' }).click();

  await expect(finance.getByRole('heading', { name: 'Invoices', level: 1 })).toBeVisible();
  await expect(finance.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' })).toBeVisible();
  const row = finance.getByRole('row', { name: /INV-\d{4}-\d{6}/ });
  await expect(row).toContainText('Final');
  await expect(row).toContainText('Bank transfer');
  const number = (await row.getByRole('cell').first().textContent())?.match(/INV-\d{4}-\d{6}/)?.[0] as string;

  const [download] = await Promise.all([finance.waitForEvent('download'), row.getByRole('link', { name: /PDF/ }).click()]);
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  const saved = test.info().outputPath(`${number}.pdf`);
  await download.saveAs(saved);
  const bytes = await readFile(saved);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text.replace(/\s+/g, ' ');
  expect(text).toContain('Grünwald Kommunikation GmbH');
  expect(text).toContain('VAT number: DE136695976');
  expect(text).toContain('Reverse charge – VAT to be accounted for by the recipient');
  expect(text).toMatch(/Total \(gross\) €250\.00/);

  await row.getByRole('button', { name: /to the finance e-mail/ }).click();
  await expect(finance.getByText(`Sent to ${owner.email.toLowerCase()}.`)).toBeVisible();
  await checkLayout(finance, laptop, 'invoices');
  await finance.setViewportSize({ width: phone.width, height: phone.height });
  await checkLayout(finance, phone, 'invoices');
  await finance.setViewportSize({ width: laptop.width, height: laptop.height });

  // API settings: every control that changes them is disabled, and the server refuses them anyway.
  await finance.goto('/settings/api');
  await expect(finance.getByRole('button', { name: 'Create secret' })).toBeDisabled();
  await expect(finance.getByRole('button', { name: 'Create secret' })).toHaveAccessibleDescription(/api_settings:write/);
  const memberCsrf = ((await (await finance.request.get('/api/session')).json()) as { csrf_token: string }).csrf_token;
  const refused = await finance.request.post(`/api/accounts/${owner.apiKey}/secrets/generate`, { headers: { 'x-csrf-token': memberCsrf } });
  expect(refused.status()).toBe(403);
  await context.close();
});
