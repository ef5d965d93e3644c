import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signUpAndSignIn } from './support/accounts.js';
import { setCreditLimit } from './support/operator.js';

// Seed 003, the partner story: a postpaid partner gives each end customer a subaccount with its own
// balance, allocates credit and balance, suspends and reactivates one, and checks the transfers.

const basic = (apiKey: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${apiKey}:${secret}`).toString('base64')}`,
});

async function createSubaccount(page: Page, name: string, secret?: string) {
  await page.getByRole('button', { name: 'Create subaccount' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create subaccount' });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill(name);
  await expect(dialog.getByRole('radio', { name: 'Shared balance' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Own balance' })).toHaveAccessibleDescription(
    'Own: its own balance and credit limit, funded by transfers from you.',
  );
  await dialog.getByRole('radio', { name: 'Own balance' }).check();
  if (secret) {
    await dialog.getByRole('radio', { name: 'Choose my own secret' }).check();
    await dialog.getByLabel('Secret', { exact: true }).fill('short');
    await expect(dialog.getByRole('list', { name: 'Secret requirements' })).toContainText('8 to 25 characters');
    await dialog.getByRole('button', { name: 'Create subaccount' }).click();
    await expect(dialog.getByLabel('Secret', { exact: true })).toHaveAccessibleDescription(/Does not meet complexity requirements/);
    await dialog.getByLabel('Secret', { exact: true }).fill(secret);
  }
  await dialog.getByRole('button', { name: 'Create subaccount' }).click();

  const created = page.getByRole('dialog', { name: 'Subaccount created' });
  await expect(created.getByLabel('API key')).toHaveValue(/^[0-9a-f]{8}$/);
  await expect(created.getByLabel('API secret')).toHaveValue(secret ?? /^\S{8,}$/);
  await expect(created).toContainText('This secret will not be shown again');
  await expect(created.getByRole('button', { name: 'Copy API secret' })).toBeVisible();
  const credentials = {
    apiKey: await created.getByLabel('API key').inputValue(),
    secret: await created.getByLabel('API secret').inputValue(),
  };
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();
  return credentials;
}

async function openSubaccount(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subaccounts' }).click();
  await page.getByRole('table', { name: 'Subaccounts' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

test('a partner funds two customers’ subaccounts, suspends and reactivates one, and reviews the transfers', async ({ page }) => {
  test.setTimeout(120_000);
  const account = await signUpAndSignIn(page);
  // The operator grants a postpaid agreement: the partner may go €100 into debt.
  setCreditLimit(account.apiKey, -100);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subaccounts' }).click();
  await expect(page).toHaveURL(/\/subaccounts$/);
  await expect(page.getByRole('heading', { name: 'Subaccounts', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Subaccounts' });
  await expect(table).toContainText('No subaccounts yet');
  await expect(page.getByRole('definition').filter({ hasText: '-€100.00' })).toBeVisible();

  // One subaccount per end customer, each with its own credentials and its own balance.
  const customer1 = await createSubaccount(page, 'customer 1');
  const customer2 = await createSubaccount(page, 'customer 2', 'Customer2Secret');
  const row1 = table.getByRole('row').filter({ hasText: customer1.apiKey });
  const row2 = table.getByRole('row').filter({ hasText: customer2.apiKey });
  await expect(row1).toContainText('customer 1');
  await expect(row1).toContainText('Own');
  await expect(row1).toContainText('Active');
  await expect(row2).toContainText('customer 2');
  expect((await page.request.get('/account/get-balance', { headers: basic(customer1.apiKey, customer1.secret) })).status()).toBe(200);
  expect((await page.request.get('/account/get-balance', { headers: basic(customer2.apiKey, customer2.secret) })).status()).toBe(200);

  // Credit for customer 1: the partner has |-100| available and gives 40.
  await openSubaccount(page, 'customer 1');
  const funds1 = page.getByRole('region', { name: 'Balance', exact: true });
  await funds1.getByRole('button', { name: 'Give credit' }).click();
  const giveCredit = page.getByRole('dialog', { name: 'Give credit to customer 1' });
  const amount = giveCredit.getByLabel('Amount (EUR)');
  await expect(amount).toHaveAccessibleDescription('Available to give: €100.00');
  await amount.fill('150');
  // Too much: no preview and no amount on the button, and the field says how much there is.
  await expect(giveCredit.getByRole('table', { name: /Now/ })).toBeVisible();
  await giveCredit.getByRole('button', { name: 'Give credit', exact: true }).click();
  await expect(amount).toHaveAccessibleDescription(/At most €100.00 is available/);
  await amount.fill('40');
  await giveCredit.getByLabel('Reference (optional)').fill('Credit for March');
  const effect = giveCredit.getByRole('table', { name: 'After the transfer' });
  await expect(effect.getByRole('row', { name: /Your account/ })).toContainText('-€60.00');
  await expect(effect.getByRole('row', { name: /customer 1/ })).toContainText('-€40.00');
  await giveCredit.getByRole('button', { name: 'Give €40.00 credit' }).click();
  await expect(giveCredit).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Gave €40.00 credit to customer 1.' })).toBeVisible();
  await expect(funds1.getByRole('definition').nth(1)).toHaveText('-€40.00');
  await expect(funds1.getByRole('definition').nth(2)).toHaveText('€40.00');
  const history1 = page.getByRole('table', { name: 'Transfers with customer 1' });
  await expect(history1.getByRole('row').filter({ hasText: 'Credit for March' })).toContainText('€40.00');

  // What the dialog showed as available can be out of date (here the operator lowers the partner's
  // limit meanwhile): the server's refusal lands on the amount field, and the figure is refreshed.
  const refreshed = page.waitForResponse((response) => response.url().includes('/api/subaccounts?limit=1'));
  await funds1.getByRole('button', { name: 'Give credit' }).click();
  await refreshed; // opening the dialog fetches the partner's numbers again
  await expect(amount).toHaveAccessibleDescription('Available to give: €60.00');
  setCreditLimit(account.apiKey, -45);
  await amount.fill('50');
  await giveCredit.getByRole('button', { name: 'Give €50.00 credit' }).click();
  await expect(amount).toHaveAccessibleDescription(/^Insufficient Credit/);
  await expect(amount).toBeFocused();
  await expect(amount).toHaveAccessibleDescription(/Available to give: €45.00$/);
  await giveCredit.getByRole('button', { name: 'Cancel' }).click();
  await expect(giveCredit).toBeHidden();
  setCreditLimit(account.apiKey, -60);

  // Balance for customer 2, from the partner's €2 of test credit (it may spend down to its limit, now -60).
  await openSubaccount(page, 'customer 2');
  const funds2 = page.getByRole('region', { name: 'Balance', exact: true });
  await funds2.getByRole('button', { name: 'Add balance' }).click();
  const addBalance = page.getByRole('dialog', { name: 'Add balance to customer 2' });
  await expect(addBalance.getByLabel('Amount (EUR)')).toHaveAccessibleDescription('Available to transfer: €62.00');
  await addBalance.getByLabel('Amount (EUR)').fill('1');
  const balanceEffect = addBalance.getByRole('table', { name: 'After the transfer' });
  await expect(balanceEffect.getByRole('row', { name: /Your account/ }).getByRole('cell').first()).toContainText('€1.00');
  await expect(balanceEffect.getByRole('row', { name: /customer 2/ }).getByRole('cell').first()).toContainText('€1.00');
  await addBalance.getByRole('button', { name: 'Add €1.00 balance' }).click();
  await expect(addBalance).toBeHidden();
  await expect(funds2.getByRole('definition').first()).toHaveText('€1.00');

  // Suspend customer 2: the dialog says what it does; its credentials are refused until reactivated.
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Suspend' }).click();
  const suspend = page.getByRole('dialog', { name: 'Suspend customer 2?' });
  await expect(suspend).toContainText('Every API refuses its API key and secrets until you reactivate it');
  await expect(suspend.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await suspend.getByRole('button', { name: 'Suspend subaccount' }).click();
  await expect(suspend).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'customer 2 is suspended' })).toBeVisible();
  await expect(settings.getByRole('button', { name: 'Reactivate' })).toBeVisible();
  expect((await page.request.get('/account/get-balance', { headers: basic(customer2.apiKey, customer2.secret) })).status()).toBe(401);

  await settings.getByRole('button', { name: 'Reactivate' }).click();
  const reactivate = page.getByRole('dialog', { name: 'Reactivate customer 2?' });
  await expect(reactivate).toContainText('work again at once');
  await reactivate.getByRole('button', { name: 'Reactivate subaccount' }).click();
  await expect(reactivate).toBeHidden();
  await expect(settings.getByRole('button', { name: 'Suspend' })).toBeVisible();
  expect((await page.request.get('/account/get-balance', { headers: basic(customer2.apiKey, customer2.secret) })).status()).toBe(200);

  // Its secrets are rotated on the same card as the account's own: one secret, which cannot be revoked.
  await page.getByRole('link', { name: 'Manage API secrets' }).click();
  await expect(page.getByRole('heading', { name: 'API secrets of customer 2' })).toBeVisible();
  const subSecrets = page.getByRole('region', { name: 'API secrets' });
  await expect(subSecrets.getByRole('button', { name: 'Revoke' })).toBeDisabled();
  await page.getByRole('link', { name: 'Back to customer 2' }).click();
  await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();

  // The transfer history: both transfers, with amounts, and exported as CSV.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subaccounts' }).click();
  await page.getByRole('link', { name: 'Transfers' }).click();
  await expect(page.getByRole('heading', { name: 'Transfers', level: 1 })).toBeVisible();
  const transfers = page.getByRole('table', { name: 'Transfers' });
  await expect(transfers.getByRole('row')).toHaveCount(3);
  const credit = transfers.getByRole('row').filter({ hasText: 'customer 1' });
  await expect(credit).toContainText('Credit');
  await expect(credit).toContainText('Your account');
  await expect(credit).toContainText('€40.00');
  await expect(credit).toContainText('Credit for March');
  const balance = transfers.getByRole('row').filter({ hasText: 'customer 2' });
  await expect(balance).toContainText('Balance');
  await expect(balance).toContainText('€1.00');

  await page.getByLabel('Kind').selectOption('credit');
  await expect(transfers.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Kind').selectOption('all');
  await expect(transfers.getByRole('row')).toHaveCount(3);

  // The subaccount filter searches the paged list as you type and offers "name (key)".
  const filter = page.getByRole('combobox', { name: 'Subaccount' });
  await filter.fill('tomer 2');
  await expect(page.locator(`datalist option[value="customer 2 (${customer2.apiKey})"]`)).toHaveCount(1);
  await filter.fill(`customer 2 (${customer2.apiKey})`);
  await expect(page).toHaveURL(new RegExp(`subaccount=${customer2.apiKey}`));
  await expect(transfers.getByRole('row')).toHaveCount(2);
  await filter.fill('');
  await expect(transfers.getByRole('row')).toHaveCount(3);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^transfers-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(csv[0]).toBe('Date (UTC),Kind,From,From API key,To,To API key,Amount (EUR),Reference,Transfer ID');
  expect(csv).toHaveLength(3);
  expect(csv.find((line) => line.includes(',Credit,'))).toContain(`Your account,${account.apiKey},customer 1,${customer1.apiKey},40,Credit for March,`);
  expect(csv.find((line) => line.includes(',Balance,'))).toContain(`Your account,${account.apiKey},customer 2,${customer2.apiKey},1,,`);

  // The list: each customer's numbers, and the family's totals (the partner's €1 + customer 2's €1; -60 + -40).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subaccounts' }).click();
  await expect(row1.getByRole('cell').nth(4)).toHaveText('-€40.00');
  await expect(row2.getByRole('cell').nth(3)).toHaveText('€1.00');
  const totals = table.getByRole('row', { name: /^Total: your account and 2 subaccounts/ });
  await expect(totals).toContainText('€2.00');
  await expect(totals).toContainText('-€100.00');

  // Sorting by name is announced on the column header.
  await table.getByRole('button', { name: 'Name' }).click();
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('customer 1');
  await table.getByRole('button', { name: 'Name' }).click();
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('customer 2');
});

test('the create dialog counts the name, warns of a duplicate and asks before Escape loses the new secret', async ({ page }) => {
  const account = await signUpAndSignIn(page);
  const existing = await page.request.post(`/accounts/${account.apiKey}/subaccounts`, {
    headers: basic(account.apiKey, account.apiSecret),
    data: { name: 'Shop North' },
  });
  expect(existing.status()).toBe(200);

  await page.goto('/subaccounts');
  await page.getByRole('button', { name: 'Create subaccount' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create subaccount' });
  const name = dialog.getByLabel('Name');

  await name.fill('shop north');
  await expect(name).toHaveAccessibleDescription(/Another subaccount is already called “Shop North”/);
  await name.fill('x'.repeat(300));
  await expect(name).toHaveValue('x'.repeat(300)); // never silently cut
  await expect(name).toHaveAccessibleDescription(/300 of 80 characters/);
  await dialog.getByRole('button', { name: 'Create subaccount' }).click();
  await expect(name).toHaveAccessibleDescription(/Must be at most 80 characters/);

  await name.fill('Shop South');
  await expect(name).toHaveAccessibleDescription(/10 of 80 characters\.$/);
  await dialog.getByRole('button', { name: 'Create subaccount' }).click();
  const created = page.getByRole('dialog', { name: 'Subaccount created' });
  await expect(created.getByLabel('API key')).toBeFocused();
  const secret = await created.getByLabel('API secret').inputValue();

  await page.keyboard.press('Escape');
  await expect(created.getByRole('status').filter({ hasText: 'Have you copied the secret?' })).toBeVisible();
  await created.getByRole('button', { name: 'Show the secret again' }).click();
  await expect(created.getByLabel('API secret')).toHaveValue(secret);
  await page.keyboard.press('Escape');
  await created.getByRole('button', { name: 'Yes, close' }).click();
  await expect(created).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create subaccount' })).toBeFocused();
});

test('a direct load shows the layout with a skeleton at once; a missing subaccount gets a not-found page with a way back', async ({
  page,
}) => {
  const account = await signUpAndSignIn(page);
  const created = await page.request.post(`/accounts/${account.apiKey}/subaccounts`, {
    headers: basic(account.apiKey, account.apiSecret),
    data: { name: 'Slow Shop' },
  });
  const subKey = ((await created.json()) as { api_key: string }).api_key;

  // Hold the subaccount's request: the navigation and the page's skeleton are there meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/accounts/${account.apiKey}/subaccounts/${subKey}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/subaccounts/${subKey}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the subaccount…' })).toBeVisible();
  release();
  await expect(page.getByRole('heading', { name: 'Slow Shop', level: 1 })).toBeVisible();

  // The skip link is the first stop and takes keyboard users past the navigation.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await page.goto('/subaccounts/ffffffff');
  await expect(page.getByRole('heading', { name: 'Subaccount not found', level: 1 })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Invalid API Key');
  await page.getByRole('link', { name: 'Back to your subaccounts' }).click();
  await expect(page.getByRole('heading', { name: 'Subaccounts', level: 1 })).toBeVisible();
});
