import { expect, test } from '@playwright/test';
import { signUpAndSignIn, ukMobile } from './support/accounts.js';
import { runAdmin } from './support/operator.js';
import { newestMessage, readPin } from './support/outbox.js';

// Getting started: a DEMO account verifies a test number and sends it a test SMS from the browser.

const euros = (amount: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(
    amount,
  );

test('a test number is verified with its PIN and receives a test SMS, charged to the balance', async ({ page, request }) => {
  test.setTimeout(90_000);
  const account = await signUpAndSignIn(page);
  const testNumber = ukMobile('2');

  await page.goto('/');
  await page.getByRole('region', { name: 'Getting started' }).getByRole('link', { name: /getting started/i }).click();
  await expect(page).toHaveURL(/\/getting-started$/);
  await expect(page.getByRole('heading', { name: 'Getting started', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Getting started', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('status').filter({ hasText: 'Your account is in demo mode' })).toContainText('[DEMO]');

  // The price table says what a UK message part costs.
  const ukPriceText = await page
    .getByRole('table', { name: 'SMS prices' })
    .getByRole('row')
    .filter({ hasText: 'United Kingdom' })
    .getByRole('cell')
    .last()
    .innerText();
  const ukPrice = Number(ukPriceText.replace(/[^\d.]/g, ''));
  expect(ukPrice).toBeGreaterThan(0);

  // Step 1: add a UK mobile, read its PIN from the outbox, verify it.
  const step1 = page.getByRole('region', { name: 'Step 1: Add and verify test numbers' });
  await expect(step1.getByLabel('Country')).toHaveValue('GB');
  await step1.getByLabel('Phone number').fill(testNumber.national);
  await step1.getByRole('button', { name: 'Add test number' }).click();
  await expect(step1.getByRole('status').filter({ hasText: 'We sent a PIN by SMS' })).toContainText(testNumber.international);
  const row = step1.getByRole('table', { name: 'Test numbers' }).getByRole('row').filter({ hasText: testNumber.international });
  await expect(row).toContainText('Awaiting PIN');
  await expect(row.getByRole('button', { name: 'Resend PIN' })).toBeDisabled();

  const { pin } = await readPin(request, testNumber.e164);
  const pinField = row.getByLabel(`PIN for ${testNumber.international}`);
  await expect(pinField).toHaveAccessibleDescription(/Expires in \d:\d\d · 3 attempts left/);
  await pinField.fill(pin);
  await row.getByRole('button', { name: 'Verify' }).click();
  await expect(row).toContainText('Verified');
  await expect(row.getByLabel(/PIN for/)).toHaveCount(0);

  // Step 2: send a test SMS to it; the confirmation shows the estimated cost and balance after.
  const step2 = page.getByRole('region', { name: 'Step 2: Send a test SMS' });
  await expect(step2.getByLabel('To')).toHaveValue(testNumber.e164);
  const text = `Hello from the e2e test ${Date.now() % 100_000}`;
  await step2.getByLabel('Message').fill(text);
  await expect(step2.getByLabel('Message')).toHaveAccessibleDescription(/1 part \(GSM-7\)/);
  await step2.getByRole('button', { name: 'Send test SMS' }).click();

  const dialog = page.getByRole('dialog', { name: 'Send this test SMS?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`1 × ${euros(ukPrice)} = ${euros(ukPrice)}`);
  await expect(dialog).toContainText(`about ${euros(2 - ukPrice)}`);
  await dialog.getByRole('button', { name: 'Send SMS' }).click();
  await expect(dialog).toBeHidden();

  const result = step2.getByRole('status').filter({ hasText: 'Test SMS sent' });
  await expect(result).toBeVisible();
  await expect(result.getByRole('definition').nth(1)).toHaveText('1'); // parts
  await expect(result.getByRole('definition').nth(2)).toHaveText(euros(ukPrice));
  const newBalance = euros(2 - ukPrice);
  await expect(result.getByRole('definition').nth(3)).toHaveText(newBalance);
  await expect(page.getByText('Your balance:')).toContainText(newBalance);

  // The message reached the outbox with the DEMO suffix, and is listed.
  const sent = await newestMessage(request, testNumber.e164);
  expect(sent.channel).toBe('sms');
  expect(sent.body).toBe(`${text} [DEMO]`);
  await expect(page.getByRole('table', { name: 'Recent messages' }).getByRole('row').filter({ hasText: text })).toContainText(
    euros(ukPrice),
  );

  // The suffix belongs to DEMO mode: once a bank transfer has made the account live, the same number
  // receives the text as written.
  runAdmin(['topup', '--account', account.apiKey, '--amount', '10']);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Your account is in demo mode' })).toHaveCount(0);
  const liveText = `Live from the e2e test ${Date.now() % 100_000}`;
  await step2.getByLabel('To').fill(testNumber.e164);
  await step2.getByLabel('Message').fill(liveText);
  await step2.getByRole('button', { name: 'Send test SMS' }).click();
  await dialog.getByRole('button', { name: 'Send SMS' }).click();
  await expect(step2.getByRole('status').filter({ hasText: 'Test SMS sent' })).toBeVisible();
  const live = await newestMessage(request, testNumber.e164, sent.id);
  expect(live.body).toBe(liveText);

  // The overview shows the balance after both messages and the top-up.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText(euros(12 - 2 * ukPrice));
});

test('a removed test number added again keeps its resend cooldown: the form says so by the number', async ({ page }) => {
  await signUpAndSignIn(page);
  const testNumber = ukMobile('2');
  await page.goto('/getting-started');
  const step1 = page.getByRole('region', { name: 'Step 1: Add and verify test numbers' });
  const numberField = step1.getByLabel('Phone number');
  await numberField.fill(testNumber.national);
  await step1.getByRole('button', { name: 'Add test number' }).click();
  const row = step1.getByRole('table', { name: 'Test numbers' }).getByRole('row').filter({ hasText: testNumber.international });
  await expect(row).toContainText('Awaiting PIN');

  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove this test number?' }).getByRole('button', { name: 'Remove number' }).click();
  await expect(step1.getByRole('status').filter({ hasText: 'was removed' })).toBeVisible();

  await numberField.fill(testNumber.national);
  await step1.getByRole('button', { name: 'Add test number' }).click();
  await expect(numberField).toHaveAttribute('aria-invalid', 'true');
  await expect(numberField).toHaveAccessibleDescription(/A PIN was sent to this number moments ago\. You can request a new one in \d+ seconds\./);
  await expect(numberField).toBeFocused();
  await expect(step1.getByText('No test numbers yet.')).toBeVisible();
});
