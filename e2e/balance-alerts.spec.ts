import { expect, test } from '@playwright/test';
import { signUpAndSignIn, ukMobile } from './support/accounts.js';
import { advanceServerClock, resetServerClock } from './support/clock.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { runAdmin } from './support/operator.js';
import { newestMessage } from './support/outbox.js';
import { createSubaccountViaApi, transferViaApi } from './support/subaccount-family.js';

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

  // The job claims each hourly period once, and specs that moved the clock before (and put it back) have
  // claimed the periods they reached: hours no other spec moves to (5, 6, and 7 in the next test).
  const moved = await advanceServerClock(request, 5 * 3600);
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

test('an own-balance subaccount has its own alert on its page, e-mailed to the reseller\'s customer; a shared one only its runway', async ({ page, request }) => {
  test.setTimeout(120_000);
  const primary = await signUpAndSignIn(page);
  runAdmin(['topup', '--account', primary.apiKey, '--amount', '10']);
  const authorization = `Basic ${Buffer.from(`${primary.apiKey}:${primary.apiSecret}`).toString('base64')}`;
  const created = await request.post(`/accounts/${primary.apiKey}/subaccounts`, {
    headers: { authorization },
    data: { name: 'Customer with own balance', use_primary_account_balance: false },
  });
  const own = (await created.json()) as { api_key: string; secret: string };
  await transferViaApi(request, primary, 'balance', { from: primary.apiKey, to: own.api_key, amount: 1 });
  const shared = await createSubaccountViaApi(request, primary, 'Customer on your balance', false);
  const customer = `ops@customer-${own.api_key}.example.com`;

  await page.goto(`/subaccounts/${own.api_key}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Customer with own balance' })).toBeVisible();
  const alert = page.getByRole('region', { name: 'Balance alert' });
  await alert.getByLabel('Send a balance alert').check();
  await alert.getByLabel('Balance threshold (EUR)').fill('0.98');
  await alert.getByLabel('E-mail address 1', { exact: true }).fill(customer);
  await alert.getByRole('button', { name: 'Save alert' }).click();
  await expect(alert.getByRole('status')).toHaveText('Saved');

  // The subaccount's own SMS (€0.041) takes its €1.00 to €0.959.
  const sms = await request.post('/sms/json', {
    form: { api_key: own.api_key, api_secret: own.secret, from: 'Acme', to: ukMobile('2').e164.slice(1), text: 'From the customer' },
  });
  expect(((await sms.json()) as { messages: { status: string }[] }).messages[0].status).toBe('0');
  // Seven hours on: the test before this one claimed the periods 5 and 6 hours ahead.
  const moved = await advanceServerClock(request, 7 * 3600);
  expect(moved.runs).toContainEqual(expect.objectContaining({ job: 'balance-alerts', status: 'succeeded' }));
  const email = await newestMessage(request, customer);
  expect(email.subject).toBe('Balance below €0.98: €0.959 left');
  expect(email.body).toContain(`the subaccount "Customer with own balance" (${own.api_key})`);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Runway' })).toContainText(/≈ \d[\d,]* days left/);
  await expect(page.getByRole('region', { name: 'Balance alert' })).toContainText('the alert went out');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'subaccount-alert');
  }

  await page.goto(`/subaccounts/${shared.apiKey}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Customer on your balance' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Runway' })).toContainText('spends from your account’s balance');
  await expect(page.getByRole('region', { name: 'Balance alert' })).toHaveCount(0);
});
