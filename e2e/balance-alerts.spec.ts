import { expect, test } from '@playwright/test';
import { signUpAndSignIn, ukMobile } from './support/accounts.js';
import { advanceServerClock, resetServerClock } from './support/clock.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { runAdmin } from './support/operator.js';
import { newestMessage } from './support/outbox.js';

// Issue 12: a balance alert set in the console, the balance crossing it, the hourly check (the
// development clock moves the server an hour on), the alert e-mail; the runway; amounts in USD.
test.afterEach(async ({ request }) => resetServerClock(request));

const sizes = screenSizes.filter((size) => size.name !== 'small-desktop');

test('a balance alert e-mails both recipients once the balance falls below its threshold; the display switches to USD', async ({ page, request }) => {
  test.setTimeout(120_000);
  const account = await signUpAndSignIn(page);
  const finance = `finance.${account.apiKey}@example.com`;
  // A bank transfer makes the account live (€12.00), so its SMS go to any number.
  runAdmin(['topup', '--account', account.apiKey, '--amount', '10']);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Balance alerts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoice & balance alerts' })).toBeVisible();
  const alert = page.getByRole('region', { name: 'Balance alert' });
  await expect(alert.getByLabel('E-mail address 1', { exact: true })).toHaveValue(account.email);
  await alert.getByLabel('Send a balance alert').check();
  await alert.getByLabel('Balance threshold (EUR)').fill('11.98');
  await alert.getByRole('button', { name: 'Add an e-mail address' }).click();
  await alert.getByLabel('E-mail address 2', { exact: true }).fill(finance);
  await alert.getByRole('button', { name: 'Save alert' }).click();
  await expect(alert.getByRole('status')).toHaveText('Saved');
  await expect(page.getByRole('region', { name: 'Runway' })).toContainText('No recent spend');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'balance-alerts');
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // One SMS to the UK (€0.041) takes the balance to €11.959, below €11.98.
  const sms = await request.post('/sms/json', {
    form: { api_key: account.apiKey, api_secret: account.apiSecret, from: 'Acme', to: ukMobile('2').e164.slice(1), text: 'Below the threshold' },
  });
  expect(((await sms.json()) as { messages: { status: string }[] }).messages[0].status).toBe('0');

  const moved = await advanceServerClock(request, 3600);
  expect(moved.runs).toContainEqual(expect.objectContaining({ job: 'balance-alerts', status: 'succeeded', outcome: expect.stringMatching(/^alerted 1 \(2 e-mails\)/) }));
  for (const recipient of [account.email, finance]) {
    const email = await newestMessage(request, recipient);
    expect(email.subject).toBe('Balance below €11.98: €11.959 left');
    expect(email.body).toContain(`your Switchboard account (${account.apiKey})`);
  }
  // Staying below for another hour sends nothing more.
  const later = await advanceServerClock(request, 3600);
  expect(later.runs).toContainEqual(expect.objectContaining({ job: 'balance-alerts', status: 'succeeded', outcome: '' }));

  // The overview forecasts the runway at the last 7 days' spend (€0.041 / 7 a day).
  await page.goto('/');
  const runway = page.getByRole('region', { name: 'Runway' });
  await expect(runway).toContainText(/≈ \d[\d,]* days left/);
  await expect(runway).toContainText('Below €11.98 already');
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€11.959');

  // Display in USD: every amount follows, marked approximate, the rate's day in the tooltip.
  await page.getByLabel('Amounts in').selectOption('USD');
  const balance = page.getByRole('region', { name: 'Balance' });
  await expect(balance).toContainText(/≈ \$12\.\d\d/);
  await expect(balance.getByText(/Converted from €11\.959 at \$[\d.]+ per euro, the rate of/)).toBeAttached();
  await expect(runway).toContainText(/Below ≈ \$12\.98/);
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'overview-usd');
  }
  // The preference is the user's and stays; charges stay in EUR.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('≈ $');
  const balanceApi = await request.get(`/account/get-balance?api_key=${account.apiKey}&api_secret=${account.apiSecret}`);
  expect(((await balanceApi.json()) as { value: number }).value).toBe(11.959);
  await page.getByLabel('Amounts in').selectOption('EUR');
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€11.959');
});
