import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './support/accounts.js';
import { addMember } from './support/members.js';

const basic = (apiKey: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${apiKey}:${secret}`).toString('base64')}`,
});

test('a Finance member scoped to one subaccount sets a password first, sees only that subaccount, and finds transfers disabled', async ({ page, request }) => {
  const owner = await createAccount(request);
  const create = async (name: string) => {
    const response = await request.post(`/accounts/${owner.apiKey}/subaccounts`, {
      headers: basic(owner.apiKey, owner.apiSecret),
      data: { name, use_primary_account_balance: false },
    });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { api_key: string }).api_key;
  };
  const visible = await create('Visible customer');
  await create('Hidden customer');
  const member = await addMember(request, { roleId: 'finance', subaccounts: [visible] });

  await page.goto('/subaccounts');
  await signIn(page, member.email, member.temporaryPassword);
  await expect(page.getByRole('heading', { name: 'Set your password' })).toBeVisible();
  await page.getByLabel('Current password').fill(member.temporaryPassword);
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByLabel('New password')).toHaveAccessibleDescription(/Password needs/);
  await page.getByLabel('New password').fill('Grace own password 1');
  await page.getByRole('button', { name: 'Set password' }).click();

  await expect(page).toHaveURL(/\/subaccounts$/);
  const table = page.getByRole('table');
  await expect(table).toContainText('Visible customer');
  await expect(table).not.toContainText('Hidden customer');

  await page.getByRole('link', { name: 'Visible customer' }).click();
  const transfers = page.getByRole('group', { name: 'Transfers' });
  const give = transfers.getByRole('button').first();
  await expect(give).toBeDisabled();
  await expect(give).toHaveAccessibleDescription('Needs the permission “Transfer credit and balance” (subaccounts:transfer)');
  await expect(page.getByRole('button', { name: 'Suspend' })).toBeDisabled();
});

test('the navigation shows only the pages a member may open, and a page they may not open says why', async ({ page, request }) => {
  await createAccount(request);
  const member = await addMember(request, { permissions: ['account:read'] });

  await page.goto('/');
  await signIn(page, member.email, member.temporaryPassword);
  await page.getByLabel('Current password').fill(member.temporaryPassword);
  await page.getByLabel('New password').fill('Grace own password 2');
  await page.getByRole('button', { name: 'Set password' }).click();

  const navigation = page.getByRole('navigation', { name: 'Main' });
  await expect(navigation.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(navigation.getByRole('link', { name: 'API settings' })).toBeVisible();
  await expect(navigation.getByRole('link', { name: 'Subaccounts' })).toHaveCount(0);

  await page.goto('/subaccounts');
  await expect(page.getByRole('alert')).toContainText('Needs the permission “View subaccounts and transfers” (subaccounts:read)');

  await page.goto('/settings/api');
  await expect(page.getByRole('button', { name: 'Create secret' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save webhooks' })).toHaveAccessibleDescription(/api_settings:write/);
});
