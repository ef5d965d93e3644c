import { expect, test } from '@playwright/test';
import { createAccount, fillSignupForm, newCompany, signIn } from './support/accounts.js';
import { newestMessage, readPin } from './support/outbox.js';

// Sign-up, PIN verification, sign-in/out and password reset, end to end against the real server.
// PINs and reset links are read from the development outbox (/dev/outbox).

test('a company signs up, verifies its phone, signs out and in, and resets its password', async ({ page, request }) => {
  test.setTimeout(120_000);
  const company = newCompany();

  await fillSignupForm(page, company);
  await expect(page.getByText(/We sent a PIN to/)).toContainText(`+44 ••• •••${company.phone.slice(-3)}`);
  await expect(page.getByRole('button', { name: 'Resend PIN' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Call me instead' })).toBeDisabled();

  const { pin } = await readPin(request, company.phone);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€2.00');
  await expect(page.getByRole('region', { name: 'Account' })).toContainText(company.companyName);
  await expect(page.getByRole('region', { name: 'Account' })).toContainText('DEMO');
  await expect(page.getByRole('status').filter({ hasText: 'demo mode' })).toContainText('[DEMO]');
  const credentials = page.getByRole('region', { name: 'API credentials' });
  await expect(credentials.getByLabel('API key')).toHaveValue(/^[0-9a-f]{8}$/);
  await expect(credentials.getByLabel('API secret')).toHaveValue(/\S{8,}/);
  await expect(credentials).toContainText('This secret will not be shown again');
  await expect(credentials.getByRole('button', { name: 'Copy API secret' })).toBeVisible();

  // The secret is shown once: not after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(credentials.getByLabel('API key')).toHaveValue(/^[0-9a-f]{8}$/);
  await expect(credentials.getByLabel('API secret')).toHaveCount(0);
  await expect(credentials).toContainText('API settings');

  // A signed-in user who opens the sign-in page goes straight back to the console.
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);

  await signIn(page, company.email, company.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€2.00');
  await expect(page.getByLabel('API secret')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();

  // Password reset: request a link, read it from the outbox, choose a new password.
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('E-mail').fill(company.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'If an account uses this e-mail address' })).toBeVisible();

  const email = await newestMessage(request, company.email);
  const link = /https?:\/\/\S+?(\/reset-password\/confirm#token=[\w-]+)/.exec(email.body);
  expect(link, `a reset link in "${email.body}"`).not.toBeNull();
  await page.goto(link![1]);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  const newPassword = `${company.password} renewed 2`;
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your password has been changed' })).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn(page, company.email, company.password);
  await expect(page.getByRole('alert')).toBeFocused(); // focus goes to the error, not the page body
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await signIn(page, company.email, newPassword);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();

  // The link works only once.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(link![1]);
  await page.getByLabel('New password').fill(`${newPassword} again 3`);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText(/expired|used/i);
});

test('a wrong PIN shows the attempts left next to the field', async ({ page, request }) => {
  const company = newCompany();
  await fillSignupForm(page, company);
  const { pin } = await readPin(request, company.phone);
  const wrongPin = String((Number(pin) + 1) % 10_000).padStart(4, '0');

  const pinField = page.getByLabel('PIN');
  await pinField.fill(wrongPin);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(pinField).toHaveAttribute('aria-invalid', 'true');
  await expect(pinField).toHaveAccessibleDescription(/2 attempts left/);

  // The right PIN still works afterwards.
  await pinField.fill(pin);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});

test('after the cooldown a new PIN can be requested by voice call, and only the new PIN works', async ({ page, request }) => {
  test.setTimeout(90_000);
  const company = newCompany();
  await fillSignupForm(page, company);
  const first = await readPin(request, company.phone);

  const callMe = page.getByRole('button', { name: 'Call me instead' });
  await expect(callMe).toBeDisabled();
  await expect(callMe).toHaveAccessibleDescription(/You can request a new PIN in 0:[0-3]\d/);
  await expect(callMe).toBeEnabled({ timeout: 40_000 });
  await callMe.click();
  await expect(page.getByRole('status').filter({ hasText: 'We are calling' })).toBeVisible();
  await expect(page.getByText(/We sent a PIN to/)).toContainText('by voice call');
  await expect(page.getByRole('button', { name: 'Resend PIN' })).toBeDisabled();

  const second = await readPin(request, company.phone, first.message.id);
  expect(second.message.channel).toBe('voice');

  const pinField = page.getByLabel('PIN');
  if (first.pin !== second.pin) {
    await pinField.fill(first.pin);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(pinField).toHaveAttribute('aria-invalid', 'true');
  }
  await pinField.fill(second.pin);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});

test('a deep link to a protected page goes through sign-in and comes back', async ({ page, request }) => {
  const company = await createAccount(request);

  await page.goto('/?from=deep-link');
  await expect(page).toHaveURL(/\/signin\?next=%2F%3Ffrom%3Ddeep-link$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create an account' })).toBeVisible();

  await signIn(page, company.email, 'not the password 1');
  await expect(page.getByRole('alert')).toBeVisible();

  await signIn(page, company.email, company.password);
  await expect(page).toHaveURL(/\/\?from=deep-link$/);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Account' })).toContainText(company.companyName);
});

test('a sign-up with an e-mail address already in use goes on like any other (no enumeration)', async ({ page, request }) => {
  const existing = await createAccount(request);
  const company = { ...newCompany(), email: existing.email };

  await page.goto('/signup');
  await page.getByLabel('Company name').fill(company.companyName);
  await page.getByLabel('Your name').fill(company.name);
  await page.getByLabel('E-mail').fill(company.email);
  await page.getByLabel('Password', { exact: true }).fill(company.password);
  await page.getByLabel('Phone number').fill(company.nationalPhone);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/signup\/verify\/[\w-]+$/);
  await expect(page.getByRole('heading', { name: 'Verify your phone number' })).toBeVisible();
});

test('a sign-up from a country that needs review shows the review message', async ({ page }) => {
  const company = newCompany();
  const subscriber = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');

  await page.goto('/signup');
  await page.getByLabel('Company name').fill(company.companyName);
  await page.getByLabel('Your name').fill(company.name);
  await page.getByLabel('E-mail').fill(company.email);
  await page.getByLabel('Password', { exact: true }).fill(company.password);
  await page.getByLabel('Country').selectOption('NG');
  await page.getByLabel('Phone number').fill(`0803 123 ${subscriber}`);
  await page.getByRole('radio', { name: 'Voice call' }).check();
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { name: 'Your sign-up awaits manual review' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('reviewed by our team');
});

test('an unknown route shows the not-found page', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go back home' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
});
