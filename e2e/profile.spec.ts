import { expect, test } from '@playwright/test';
import { signIn, signUpAndSignIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { newestMessage } from './support/outbox.js';

// Seed 004 "Manage your profile": the e-mail changes only through the link sent to the new address.

const sizes = screenSizes.filter((size) => size.name !== 'small-desktop');

test('an owner changes their e-mail address by the link sent to the new one', async ({ page }) => {
  const account = await signUpAndSignIn(page);
  const newEmail = `new.${account.email}`;

  await page.goto('/profile');
  await expect(page.getByRole('heading', { name: 'Your profile', level: 1 })).toBeVisible();
  const emailCard = page.getByRole('region', { name: 'E-mail address' });
  await emailCard.getByLabel('New e-mail address').fill(newEmail);
  await emailCard.getByLabel('Your password').fill('not my password');
  await emailCard.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(emailCard.getByLabel('Your password')).toHaveAccessibleDescription(/This is not your current password/);

  await emailCard.getByLabel('Your password').fill(account.password);
  await emailCard.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(emailCard.getByRole('status')).toContainText(`We sent a confirmation link to ${newEmail}`);
  await expect(emailCard).toContainText(`You sign in and receive e-mail at ${account.email}`);

  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'profile');
  }

  const mail = await newestMessage(page.request, newEmail);
  const link = new URL(/https?:\/\/\S+/.exec(mail.body)![0]);
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { name: 'Confirm your new e-mail address' })).toBeVisible();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'confirm-email');
  }
  await page.getByRole('button', { name: 'Confirm new e-mail address' }).click();
  await expect(page.getByRole('status')).toContainText(`Your Switchboard account now uses ${newEmail}`);

  // The old address no longer signs in; the new one does.
  await page.request.delete('/api/sessions/current', { headers: { 'x-csrf-token': (await (await page.request.get('/api/session')).json()).csrf_token } });
  await page.goto('/signin');
  await signIn(page, account.email, account.password);
  await expect(page.getByRole('alert')).toContainText('The e-mail address or password is incorrect');
  await signIn(page, newEmail, account.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: `Your profile (${newEmail})` }).click();
  await expect(page.getByRole('region', { name: 'E-mail address' })).toContainText(`You sign in and receive e-mail at ${newEmail}`);
});
