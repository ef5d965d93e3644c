import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signUpAndSignIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { runAdmin } from './support/operator.js';
import { createSubaccountViaApi } from './support/subaccount-family.js';

// Seed 004 "Manage numbers": search, buy into a subaccount, configure its inbound webhook, move it to
// the primary, cancel and undo, cancel.

let receiver: Server;
let receiverOrigin: string;
const probes: string[] = [];

test.beforeAll(async () => {
  // The customer's webhook: answers 200 to Switchboard's probe.
  receiver = createServer((request, response) => {
    probes.push(`${request.method} ${request.url}`);
    response.statusCode = 200;
    response.end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test('buys a number into a subaccount, configures its webhook, moves it to the primary, cancels, undoes and cancels', async ({ page }) => {
  test.setTimeout(180_000);
  const account = await signUpAndSignIn(page);
  runAdmin(['topup', '--account', account.apiKey, '--amount', '50']);
  const shop = await createSubaccountViaApi(page.request, account, 'Corner Shop', false);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Numbers' }).click();
  await expect(page.getByRole('heading', { name: 'Your numbers', level: 1 })).toBeVisible();
  await expect(page.getByText('No numbers yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Buy numbers' }).click();
  await expect(page.getByRole('heading', { name: 'Buy numbers', level: 1 })).toBeVisible();

  // Search: country, type, features, pattern; paged results with both prices.
  const searchForm = page.getByRole('search', { name: 'Search numbers' });
  await searchForm.getByLabel('Country').selectOption('GB');
  await searchForm.getByLabel('Type').selectOption({ label: 'Mobile' });
  await searchForm.getByRole('checkbox', { name: 'SMS' }).check();
  await searchForm.getByLabel('Number pattern').fill('447400');
  await searchForm.getByLabel('Buy into').selectOption({ label: 'Corner Shop' });
  await searchForm.getByRole('button', { name: 'Search' }).press('Enter');
  const results = page.getByRole('table', { name: 'Available numbers' });
  await expect(results.getByRole('row')).toHaveCount(11);
  await expect(results.getByRole('row').nth(1)).toContainText('+447400');
  await expect(results.getByRole('row').nth(1)).toContainText('€0.90');
  const pager = page.getByRole('navigation', { name: 'Pages of available numbers' });
  await expect(pager).toContainText('Page 1 of');
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText('Page 2 of');
  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'buy-numbers');
  }
  await page.setViewportSize(screenSizes[0]);

  // Buy into the subaccount: the confirmation shows both prices and the credit left after.
  const firstBuy = results.getByRole('button', { name: /^Buy \+/ }).first();
  const msisdn = ((await firstBuy.getAttribute('aria-label')) ?? '').replace('Buy +', '');
  await firstBuy.click();
  const confirm = page.getByRole('dialog', { name: `Buy +${msisdn}` });
  await expect(confirm).toContainText('Into Corner Shop');
  await expect(confirm).toContainText('Setup price');
  await expect(confirm).toContainText('First month');
  await expect(confirm).toContainText(/Available credit after \(paid by the primary\)\s*€\d+\.\d\d/);
  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'buy-number-dialog');
  }
  await page.setViewportSize(screenSizes[0]);
  await confirm.getByRole('button', { name: 'Buy number' }).click();
  await expect(page.getByRole('status').filter({ hasText: `+${msisdn} is now rented by Corner Shop.` })).toBeVisible();

  // The subaccount's page lists its numbers.
  await page.goto(`/subaccounts/${shop.apiKey}`);
  await expect(page.getByRole('region', { name: 'Numbers' }).getByRole('table', { name: 'Your numbers' })).toContainText(`+${msisdn}`);

  // Your numbers: configure the inbound webhook (the receiver answers the probe).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Numbers' }).click();
  const owned = page.getByRole('table', { name: 'Your numbers' });
  const row = owned.getByRole('row').filter({ hasText: `+${msisdn}` });
  await expect(row).toContainText('Corner Shop');
  await expect(row).toContainText('No webhook');
  await row.getByRole('button', { name: `Edit +${msisdn}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit +${msisdn}` });
  await edit.getByLabel('Description').fill('Shop front desk');
  await edit.getByLabel('Inbound SMS webhook').fill(`${receiverOrigin}/inbound`);
  await edit.getByLabel('Voice callback type').selectOption('tel');
  await edit.getByLabel('Voice callback value').fill('not a number');
  await edit.getByRole('button', { name: 'Save number' }).click();
  await expect(edit.getByLabel('Voice callback value')).toHaveAccessibleDescription(/E\.164/);
  await edit.getByLabel('Voice callback value').fill('447700900123');
  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'edit-number-dialog');
  }
  await page.setViewportSize(screenSizes[0]);
  await edit.getByRole('button', { name: 'Save number' }).click();
  await expect(edit).toBeHidden();
  expect(probes).toContain('GET /inbound');
  await expect(row).toContainText('Shop front desk');
  await expect(row).toContainText('Own webhook');

  // Inbound SMS: the messages feature adds its step here (simulate a message to +msisdn and see it
  // arrive at the receiver) once its development control lands.

  // Move it to the primary: the renewal day stays.
  const renewsOn = await row.getByRole('cell').nth(4).textContent();
  await row.getByRole('button', { name: `Move +${msisdn}` }).click();
  const move = page.getByRole('dialog', { name: `Move +${msisdn}` });
  await expect(move).toContainText('To the primary account');
  await move.getByRole('button', { name: /^Move to / }).click();
  await expect(move).toBeHidden();
  await expect(row).toContainText('(primary)');
  await expect(row.getByRole('cell').nth(4)).toHaveText(renewsOn ?? '');

  // Cancel, then undo within the 5 minutes: the same rental back.
  await row.getByRole('button', { name: `Cancel +${msisdn}` }).click();
  const cancel = page.getByRole('dialog', { name: `Cancel +${msisdn}?` });
  await expect(cancel).toContainText('You can undo this for 5 minutes');
  await expect(cancel.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await cancel.getByRole('button', { name: 'Cancel number' }).click();
  const banner = page.getByRole('status').filter({ hasText: `+${msisdn} cancelled` });
  await expect(banner).toContainText(/undo this for [45]:\d\d/);
  await expect(page.getByText('No numbers yet.')).toBeVisible();
  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'numbers-undo');
  }
  await page.setViewportSize(screenSizes[0]);
  await banner.getByRole('button', { name: 'Undo cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: `+${msisdn} restored` })).toBeVisible();
  await expect(row).toContainText('Shop front desk');
  await expect(row).toContainText('Own webhook');

  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'numbers');
  }
  await page.setViewportSize(screenSizes[0]);

  // Cancel for good: it leaves the list, and the search no longer offers it.
  await row.getByRole('button', { name: `Cancel +${msisdn}` }).click();
  await page.getByRole('dialog', { name: `Cancel +${msisdn}?` }).getByRole('button', { name: 'Cancel number' }).click();
  await expect(page.getByRole('status').filter({ hasText: `+${msisdn} cancelled` })).toBeVisible();
  await expect(owned).toBeHidden();
  const search = await page.request.get(`/api/numbers/available?country=GB&pattern=${msisdn}`);
  expect((await search.json()).total).toBe(0);
});
