import { expect, test } from '@playwright/test';
import { signUpAndSignIn, ukMobile } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { runAdmin } from './support/operator.js';

// Usage: a message sent through the API shows up as its API request on the API requests page, and
// the overview's spend chart (through its table of figures) has the day's spend.

const sizes = screenSizes.filter((size) => size.name !== 'small-desktop');
const euros = (amount: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(amount);

test('a test SMS sent with the console\'s API key is found on the API requests page and in the day\'s spend', async ({ page }) => {
  test.setTimeout(90_000);
  const account = await signUpAndSignIn(page);
  runAdmin(['topup', '--account', account.apiKey, '--amount', '20', '--reference', `e2e-usage-${account.apiKey}`]);

  await page.goto('/');

  const to = ukMobile('2').e164.replace('+', '');
  const sent = await page.request.post('/sms/json', {
    form: { api_key: account.apiKey, api_secret: account.apiSecret, from: 'Acme', to, text: 'Usage e2e', 'client-ref': 'usage-e2e' },
    headers: { 'user-agent': 'usage-e2e/1.0' },
  });
  const body = (await sent.json()) as { messages: { status: string; 'message-price': string }[] };
  expect(body.messages[0].status).toBe('0');
  const price = Number(body.messages[0]['message-price']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API requests' }).click();
  await expect(page.getByRole('heading', { name: 'API requests', level: 1 })).toBeVisible();
  await expect(page.getByText('API requests are kept for 90 days')).toBeVisible();
  await page.getByLabel('Endpoint').selectOption('POST /sms/json');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/endpoint=POST/);
  const rows = page.getByRole('table', { name: 'API requests' }).getByRole('row').filter({ hasText: '/sms/json' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('200');
  await expect(rows.first()).toContainText(account.apiKey);

  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'api-requests');
  }

  await page.setViewportSize(sizes[0]);
  await rows.first().getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'API request', level: 1 })).toBeVisible();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('POST /sms/json');
  await expect(details).toContainText('usage-e2e/1.0');
  await expect(details).not.toContainText(account.apiSecret);

  await page.setViewportSize(sizes[0]);
  await page.goto('/');
  const spend = page.getByRole('region', { name: 'Spend, last 30 days' });
  await expect(spend).toContainText(`Total ${euros(price)}`);
  await spend.getByText('The figures as a table').click();
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = spend.getByRole('table', { name: 'Spend per day by product' }).getByRole('row').filter({ has: page.locator(`time[datetime="${today}"]`) });
  await expect(todayRow.getByRole('cell').first()).toHaveText(euros(price)); // SMS
  await expect(todayRow.getByRole('cell').last()).toHaveText(euros(price)); // total
  await expect(spend.getByRole('table', { name: 'Top destinations' })).toContainText('United Kingdom');
  await expect(spend).toContainText('100% (1 of 1 delivered)');

  await spend.getByLabel('By subaccount').check();
  await expect(spend.getByRole('table', { name: 'Spend per day by subaccount' })).toContainText(account.companyName);

  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'overview-spend');
  }
});
