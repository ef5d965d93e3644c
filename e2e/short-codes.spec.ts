import { expect, test } from '@playwright/test';
import { signUpAndSignIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';

// Issue 14, seed 004: add a shared short code for two-factor authentication, configure its message
// ("Update"), and copy the opt-in text with the account's own values.

test('a two-factor short code is added, its template configured, and its opt-in text copied', async ({ page }) => {
  test.setTimeout(90_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const account = await signUpAndSignIn(page);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Short codes' }).click();
  await expect(page).toHaveURL(/\/numbers\/short-codes$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Short codes' })).toBeVisible();
  await expect(page.getByText('No short codes yet.')).toBeVisible();

  const add = page.getByRole('region', { name: 'Add a shared short code' });
  await expect(add.getByRole('radio', { name: 'A short code for two-factor authentication' })).toBeChecked();
  await add.getByLabel('Short code (two-factor authentication)').selectOption('98975');
  await expect(add.getByLabel('Account')).toHaveValue(account.apiKey);
  await add.getByRole('button', { name: 'Add short code' }).click();
  await expect(add.getByRole('status')).toHaveText('Short code 98975 added: configure its message below.');

  const card = page.getByRole('region', { name: '98975 · Two-factor authentication' });
  await expect(card).toContainText('Not configured');
  await expect(card).toContainText('Set the messages per day and the links to your terms and privacy policy');
  // The template is checked as typed: {pin} is where the code goes.
  await card.getByLabel('Message template').fill('Your Acme code is PIN');
  await card.getByLabel('Messages per day (at most)').fill('3');
  await card.getByLabel('Terms and conditions URL').fill('https://acme.example/terms');
  await card.getByLabel('Privacy policy URL').fill('https://acme.example/privacy');
  await card.getByRole('button', { name: 'Update' }).click();
  await expect(card.getByLabel('Message template')).toHaveAccessibleDescription(/Put \{pin\} where the code goes/);
  await expect(card.getByLabel('Message template')).toBeFocused();
  await card.getByLabel('Message template').fill('Your Acme code is {pin}');
  await card.getByRole('button', { name: 'Update' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(card).toContainText('Configured');

  const expected =
    'You will receive no more than 3 msgs/day. To opt-out at any time, send STOP to 98975. To receive more information, send HELP to 98975. Message and Data Rates May Apply. The terms and conditions can be viewed at https://acme.example/terms. Our Privacy Policy can be reviewed at https://acme.example/privacy.';
  const optIn = card.getByLabel('Opt-in text for 98975');
  await expect(optIn).toHaveValue(expected);
  await expect(optIn).toHaveAttribute('readonly', '');
  await expect(card.getByRole('link', { name: 'terms and conditions' })).toHaveAttribute('href', 'https://acme.example/terms');
  await card.getByRole('button', { name: 'Copy opt-in text' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  // Saved on the server: a reload shows the same.
  await page.reload();
  await expect(page.getByRole('region', { name: '98975 · Two-factor authentication' }).getByLabel('Message template')).toHaveValue('Your Acme code is {pin}');
  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'short-codes');
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // Release, confirmed in a dialog.
  await page.getByRole('region', { name: '98975 · Two-factor authentication' }).getByRole('button', { name: 'Release' }).click();
  const dialog = page.getByRole('dialog', { name: 'Release short code 98975?' });
  await checkLayout(page, screenSizes[0], 'short-codes-release');
  await dialog.getByRole('button', { name: 'Release' }).click();
  await expect(page.getByText('No short codes yet.')).toBeVisible();
});
