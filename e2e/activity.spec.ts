import { expect, test } from '@playwright/test';
import { signUpAndSignIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { createSubaccountViaApi } from './support/subaccount-family.js';

// The activity log: the owner sees who changed what, filters it, exports it, and finds a subaccount's
// own entries under its History tab.

const sizes = screenSizes.filter((size) => size.name !== 'small-desktop');

test('the owner reads, filters and exports the activity, and a subaccount\'s history', async ({ page }) => {
  const account = await signUpAndSignIn(page);
  const north = await createSubaccountViaApi(page.request, account, 'North Region', true);
  await createSubaccountViaApi(page.request, account, 'South Region', false);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
  const entries = page.getByRole('list', { name: 'Activity entries' }).getByRole('listitem').filter({ has: page.locator('time') });
  // Newest first: the two subaccounts, then the account created at sign-up.
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Subaccount created');
  await expect(entries.nth(0)).toContainText('Name: South Region');
  await expect(entries.nth(0)).toContainText(`By API key ${account.apiKey}`);
  await expect(page.getByRole('list', { name: 'Activity entries' })).toContainText(`Company name: ${account.companyName}`);

  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'activity');
  }

  await page.getByLabel('What').selectOption({ label: 'Subaccount created' });
  await page.getByLabel('Account or subaccount').fill(north.apiKey);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`kind=subaccount.created&api_key=${north.apiKey}|api_key=${north.apiKey}.*kind=subaccount.created`));
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Name: North Region');
  const exportLink = page.getByRole('link', { name: 'Export CSV' });
  await expect(exportLink).toHaveAttribute('href', `/api/activity/export.csv?api_key=${north.apiKey}&kind=subaccount.created`);
  const csv = await (await page.request.get((await exportLink.getAttribute('href'))!)).text();
  expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
  expect(csv).toContain('Name: North Region');

  await page.getByLabel('Who').selectOption({ label: 'Any user' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No activity matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(2)).toContainText('Account created');

  await page.goto(`/subaccounts/${north.apiKey}`);
  await page.getByRole('navigation', { name: 'Subaccount' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Subaccount created');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Name: North Region');
  await expect(page.getByRole('region', { name: 'History' })).not.toContainText('South Region');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'subaccount-history');
  }
});
