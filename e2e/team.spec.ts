import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { invitationPassword } from './support/members.js';

const [laptop, , phone] = screenSizes;

const basic = (apiKey: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${apiKey}:${secret}`).toString('base64')}`,
});

test('the owner invites a Finance member scoped to one subaccount; the member sets a password, sees billing and only that subaccount, with transfers disabled', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: laptop.width, height: laptop.height });
  const owner = await createAccount(page.request);
  for (const name of ['Visible customer', 'Hidden customer']) {
    const created = await page.request.post(`/accounts/${owner.apiKey}/subaccounts`, {
      headers: basic(owner.apiKey, owner.apiSecret),
      data: { name, use_primary_account_balance: false },
    });
    expect(created.status()).toBe(200);
  }

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  const members = page.getByRole('table', { name: 'Team members' });
  await expect(members.getByRole('row')).toHaveCount(2);
  await expect(members).toContainText(owner.email);
  await expect(members).toContainText('Owner');

  // A taken e-mail address is refused next to its field.
  await page.getByRole('button', { name: 'Add member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a member' });
  await dialog.getByLabel('Name').fill('Grace Hopper');
  await dialog.getByLabel('E-mail').fill(owner.email);
  await dialog.getByLabel('Role').selectOption({ label: 'Finance' });
  await expect(dialog.getByLabel('Role')).toHaveAccessibleDescription(/View billing/);
  await dialog.getByRole('radio', { name: /Chosen subaccounts/ }).check();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByText('Choose at least one subaccount, or the whole account')).toBeVisible();
  await dialog.getByLabel('Find subaccounts').fill('visible');
  await dialog.getByRole('checkbox', { name: /Visible customer/ }).check();
  await expect(dialog.getByRole('checkbox', { name: /Hidden customer/ })).toHaveCount(0);
  await checkLayout(page, laptop, 'team-add-member');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByLabel('E-mail')).toHaveAccessibleDescription(/already belongs to a Switchboard user/);

  const email = `grace.${Date.now().toString(36)}@example.com`;
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Grace Hopper (${email}) gets an e-mail with a temporary password`)).toBeVisible();
  const row = members.getByRole('row', { name: /Grace Hopper/ });
  await expect(row).toContainText('Finance');
  await expect(row).toContainText('Visible customer');
  await expect(row).toContainText('Invited');
  await expect(row).toContainText('Never');
  await checkLayout(page, laptop, 'team');
  await page.setViewportSize({ width: phone.width, height: phone.height });
  await checkLayout(page, phone, 'team');

  // The member's first sign-in, in a browser of their own.
  const temporaryPassword = await invitationPassword(page.request, email);
  const memberContext = await browser.newContext({ viewport: { width: laptop.width, height: laptop.height } });
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/');
  await signIn(memberPage, email, temporaryPassword);
  await expect(memberPage.getByRole('heading', { name: 'Set your password' })).toBeVisible();
  await memberPage.getByLabel('Current password').fill(temporaryPassword);
  await memberPage.getByLabel('New password').fill('Grace own password 1');
  await memberPage.getByRole('button', { name: 'Set password' }).click();

  await expect(memberPage.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(memberPage.getByRole('region', { name: 'Balance' })).toBeVisible();
  const navigation = memberPage.getByRole('navigation', { name: 'Main' });
  await expect(navigation.getByRole('link', { name: 'Team' })).toHaveCount(0);
  // Finance sees billing: the payments page and the balance alerts (billing:read).
  await expect(navigation.getByRole('link', { name: 'Balance alerts' })).toBeVisible();
  await navigation.getByRole('link', { name: 'Billing' }).click();
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  await navigation.getByRole('link', { name: 'Subaccounts' }).click();
  const subaccounts = memberPage.getByRole('table');
  await expect(subaccounts).toContainText('Visible customer');
  await expect(subaccounts).not.toContainText('Hidden customer');
  await memberPage.getByRole('link', { name: 'Visible customer' }).click();
  const give = memberPage.getByRole('group', { name: 'Transfers' }).getByRole('button').first();
  await expect(give).toBeDisabled();
  await expect(give).toHaveAccessibleDescription('Needs the permission “Transfer credit and balance” (subaccounts:transfer)');
  await checkLayout(memberPage, laptop, 'member-subaccount');
  await memberPage.setViewportSize({ width: phone.width, height: phone.height });
  await checkLayout(memberPage, phone, 'member-subaccount');
  await memberPage.goto('/team');
  await expect(memberPage.getByRole('alert')).toContainText('Needs the permission “Manage team members and roles” (team:manage)');
  await memberContext.close();

  // The owner's list now shows the member active, with their last sign-in.
  await page.setViewportSize({ width: laptop.width, height: laptop.height });
  await page.reload();
  await expect(members.getByRole('row', { name: /Grace Hopper/ })).toContainText('Active');
  await expect(members.getByRole('row', { name: /Grace Hopper/ })).not.toContainText('Never');

  // The activity log shows the invitation (never its password) and the member's first sign-in.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
  const invitedEntry = page.getByRole('listitem').filter({ hasText: 'Team member invited' });
  await expect(invitedEntry).toContainText(`By ${owner.name}`);
  await expect(invitedEntry).toContainText(email);
  await expect(invitedEntry).toContainText('Visible customer');
  await expect(page.getByRole('listitem').filter({ hasText: 'Signed in' }).filter({ hasText: 'By Grace Hopper' })).toHaveCount(1);
  await expect(page.getByText(temporaryPassword)).toHaveCount(0);
});

test('an administrator previews the console as a role, read-only, and leaves the preview from its banner', async ({ page }) => {
  const owner = await createAccount(page.request);
  await page.request.post(`/accounts/${owner.apiKey}/subaccounts`, { headers: basic(owner.apiKey, owner.apiSecret), data: { name: 'Preview customer' } });
  await page.goto('/team');
  await page.getByRole('button', { name: 'Preview as Read-only' }).click();

  const banner = page.getByRole('region', { name: 'Role preview' });
  await expect(banner).toContainText('Previewing the console as Read-only');
  const navigation = page.getByRole('navigation', { name: 'Main' });
  await expect(navigation.getByRole('link', { name: 'Team' })).toHaveCount(0);
  await navigation.getByRole('link', { name: 'Subaccounts' }).click();
  await expect(page.getByRole('button', { name: 'Create subaccount' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Create subaccount' })).toHaveAccessibleDescription(/subaccounts:write/);

  await banner.getByRole('button', { name: 'Leave preview' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(navigation.getByRole('link', { name: 'Team' })).toBeVisible();
});
