import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { signIn, signUpAndSignIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';

// Two-factor sign-in: the owner enrols on the profile page (QR code, the key typed as an app would,
// a confirming code, ten recovery codes shown once), then the sign-in page asks for the app's code.

const sizes = screenSizes.filter((size) => size.name !== 'small-desktop');

test('an owner enrols an authenticator app on the profile page and signs in with its code', async ({ page }) => {
  test.setTimeout(90_000);
  const account = await signUpAndSignIn(page);

  await page.goto('/profile');
  const card = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expect(card).toContainText('Off');
  await card.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(card.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await card.getByLabel('Key for your authenticator app').textContent())!.trim();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'two-factor-enrolment');
  }

  await card.getByLabel('Code from your app').fill('12345');
  await card.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(card.getByLabel('Code from your app')).toHaveAccessibleDescription(/6-digit code/);
  await card.getByLabel('Code from your app').fill(await generate({ secret }));
  await card.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(card.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await card.getByRole('button', { name: 'I have saved my recovery codes' }).click();
  await expect(card).toContainText('10 of 10 recovery codes left');
  await expect(card).toContainText('On');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, account.email, account.password);
  const codeField = page.getByLabel('Code from your authenticator app');
  await expect(codeField).toBeFocused();

  // The confirming code's 30-second step is spent; the app shows a new code in the next one.
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 1_000);
  await codeField.fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});
