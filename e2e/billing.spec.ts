import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signUpAndSignIn } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';

// Billing: a card added through the sandbox processor's hosted field, a one-click top-up that ends
// DEMO mode, a declined card, and the zero-balance banner with its one-click top-up on every page.

/** A valid Visa number no other account of this run has stored (a card belongs to one account only). */
function freshVisa(): string {
  const body = `4${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const groups = (number: string) => number.replace(/(\d{4})(?=\d)/g, '$1 ');

async function fillCard(page: Page, number: string) {
  const dialog = page.getByRole('dialog', { name: 'Add a card' });
  await dialog.getByLabel('Card number').fill(groups(number));
  await dialog.getByLabel('Expiry (MM/YY)').fill('12/30');
  await dialog.getByLabel('Security code (CVC)').fill('321');
  await dialog.getByLabel('Name').fill('Ada Lovelace');
  await dialog.getByLabel('Address').fill('12 St James’s Square');
  await dialog.getByLabel('City').fill('London');
  await dialog.getByLabel('Postcode').fill('SW1Y 4LB');
  await dialog.getByLabel('Country').selectOption('GB');
  return dialog;
}

/** Stores a card the way the console does: number to the processor's hosted field, token to our API. */
async function storeCard(request: APIRequestContext, number: string) {
  const token = await request.post('/sandbox-processor/v1/tokens', { data: { number, expiry: '12/30', cvc: '321' } });
  expect(token.status(), await token.text()).toBe(201);
  const csrf = ((await (await request.get('/api/session')).json()) as { csrf_token: string }).csrf_token;
  const stored = await request.post('/api/billing/payment-methods/cards', {
    headers: { 'x-csrf-token': csrf },
    data: { token: ((await token.json()) as { token: string }).token, billing_name: 'Ada Lovelace', billing_line1: '1 Main St', billing_city: 'London', billing_postcode: 'N1 1AA', billing_country: 'GB' },
  });
  expect(stored.status(), await stored.text()).toBe(201);
  return csrf;
}

test('a card is added through the processor and €20 topped up: the balance moves and DEMO ends', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const card = freshVisa();
  const posted: { url: string; body: string }[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posted.push({ url: new URL(request.url()).pathname, body: request.postData() ?? '' });
  });
  await signUpAndSignIn(page);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click();
  await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
  const balance = page.getByRole('region', { name: 'Balance' });
  await expect(balance).toContainText('€2.00');
  await expect(balance).toContainText('DEMO');
  await expect(page.getByRole('region', { name: 'Billing history' })).toContainText('No payments yet.');

  const methods = page.getByRole('region', { name: 'Payment methods' });
  await methods.getByRole('button', { name: 'Add card' }).click();
  const dialog = await fillCard(page, card);
  await dialog.getByLabel('Card number').fill('4242 4242 4242 4241');
  await dialog.getByRole('button', { name: 'Save card' }).click();
  await expect(dialog.getByLabel('Card number')).toHaveAccessibleDescription('This card number is not valid');
  await checkLayout(page, screenSizes[0], 'billing-add-card');
  await dialog.getByLabel('Card number').fill(groups(card));
  await dialog.getByRole('button', { name: 'Save card' }).click();
  await expect(dialog).toBeHidden();
  const label = `Visa •••• ${card.slice(-4)}`;
  await expect(methods.getByRole('status')).toHaveText(`${label} was added.`);
  await expect(methods.getByRole('listitem').filter({ hasText: label })).toContainText('Default');

  // The card number went to the processor's own route only; our API got a token.
  const carrying = posted.filter((request) => request.body.replace(/\s/g, '').includes(card));
  expect(carrying.map((request) => request.url)).toEqual(['/sandbox-processor/v1/tokens']);
  expect(posted.some((request) => request.url === '/api/billing/payment-methods/cards' && request.body.includes('"token"'))).toBe(true);

  const topUp = page.getByRole('region', { name: 'Top up' });
  await expect(topUp.getByLabel('Pay with')).toHaveValue(/.+/);
  await topUp.getByRole('button', { name: '€50.00', exact: true }).click();
  await expect(topUp.getByRole('button', { name: '€50.00', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await topUp.getByRole('button', { name: '€20.00', exact: true }).click();
  await expect(topUp).toContainText('after this payment €22.00');
  await topUp.getByRole('button', { name: 'Pay €20.00' }).click();
  await expect(topUp.getByRole('status').filter({ hasText: 'Paid' })).toHaveText(`Paid €20.00 with ${label}. Your balance is now €22.00.`);
  await expect(balance).toContainText('€22.00');
  await expect(balance).toContainText('Live');
  const history = page.getByRole('table', { name: 'Billing history' });
  await expect(history.getByRole('row').nth(1)).toContainText(label);
  await expect(history.getByRole('row').nth(1)).toContainText('Settled');
  await expect(history.getByRole('row').nth(1)).toContainText('€20.00');

  // A custom amount under the minimum is refused next to the field.
  await topUp.getByLabel('Amount (EUR)').fill('9.50');
  await topUp.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(topUp.getByLabel('Amount (EUR)')).toHaveAccessibleDescription(/The minimum is €10/);

  for (const size of screenSizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await checkLayout(page, size, 'billing');
  }
});

test('a card the bank does not honour is declined with the reason, and nothing is credited', async ({ page }) => {
  await signUpAndSignIn(page);
  await storeCard(page.request, '4000000000000002');
  await page.goto('/billing');
  const topUp = page.getByRole('region', { name: 'Top up' });
  await topUp.getByRole('button', { name: 'Pay €20.00' }).click();
  await expect(topUp.getByRole('alert')).toContainText('do not honour');
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€2.00');
  await expect(page.getByRole('table', { name: 'Billing history' }).getByRole('row').nth(1)).toContainText('Failed');
});

test('at zero balance every page shows the red banner, and its one-click top-up clears it', async ({ page }) => {
  const account = await signUpAndSignIn(page);
  const card = freshVisa();
  const csrf = await storeCard(page.request, card);
  // Move the whole balance to a subaccount: the primary can no longer spend.
  const sub = await page.request.post(`/accounts/${account.apiKey}/subaccounts`, { headers: { 'x-csrf-token': csrf }, data: { name: 'Holds the money', use_primary_account_balance: false } });
  const subKey = ((await sub.json()) as { api_key: string }).api_key;
  const moved = await page.request.post(`/accounts/${account.apiKey}/balance-transfers`, { headers: { 'x-csrf-token': csrf }, data: { from: account.apiKey, to: subKey, amount: 2 } });
  expect(moved.status(), await moved.text()).toBe(200);

  await page.goto('/');
  const banner = page.getByRole('alert').filter({ hasText: 'Your balance has run out' });
  await expect(banner).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API settings' }).click();
  await expect(page.getByRole('heading', { name: 'API settings', level: 1 })).toBeVisible();
  await expect(banner).toBeVisible();
  await checkLayout(page, screenSizes[0], 'zero-balance-banner');
  await banner.getByRole('button', { name: `Top up €20.00 with Visa •••• ${card.slice(-4)}` }).click();
  await expect(banner).toBeHidden();
  await page.goto('/billing');
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€20.00');
});

test('a PayPal account is approved on the processor’s page and comes back stored', async ({ page }) => {
  await signUpAndSignIn(page);
  const email = `paypal.${Date.now().toString(36)}@example.com`;
  await page.goto('/billing');
  const methods = page.getByRole('region', { name: 'Payment methods' });
  await methods.getByRole('button', { name: 'Add PayPal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a PayPal account' });
  await dialog.getByRole('button', { name: 'Continue to PayPal' }).click();
  await expect(dialog.getByLabel('City')).toHaveAccessibleDescription('Required');
  await dialog.getByLabel('Name').fill('Grace Hopper');
  await dialog.getByLabel('Address').fill('1 Navy Yard');
  await dialog.getByLabel('City').fill('Arlington');
  await dialog.getByLabel('Postcode').fill('22202');
  await dialog.getByLabel('Country').selectOption('US');
  await dialog.getByRole('button', { name: 'Continue to PayPal' }).click();

  await expect(page).toHaveURL(/\/sandbox-processor\/paypal\/approve\?session=/);
  await expect(page.getByRole('heading', { name: 'PayPal (sandbox)' })).toBeVisible();
  await checkLayout(page, screenSizes[2], 'paypal-sandbox-approve');
  await page.getByLabel('PayPal account e-mail').fill(email);
  await page.getByRole('button', { name: 'Agree and continue' }).click();

  await expect(page).toHaveURL(/\/billing$/);
  await expect(methods.getByRole('status')).toHaveText(`PayPal ${email} was added.`);
  const topUp = page.getByRole('region', { name: 'Top up' });
  await expect(topUp.getByLabel('Pay with')).toContainText(`PayPal ${email}`);
  await topUp.getByRole('button', { name: 'Pay €20.00' }).click();
  await expect(topUp.getByRole('status').filter({ hasText: 'Paid' })).toHaveText(`Paid €20.00 with PayPal ${email}. Your balance is now €22.00.`);
});
