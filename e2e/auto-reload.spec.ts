import { expect, test, type APIRequestContext } from '@playwright/test';
import { signUpAndSignIn, ukMobile } from './support/accounts.js';
import { advanceServerClock, resetServerClock } from './support/clock.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { runAdmin } from './support/operator.js';
import { newestMessage } from './support/outbox.js';

// Issue 12, auto-reload: a stored card, a top-up, auto-reload on at €15; the balance falls below it,
// the 10-minute check (the development clock moves the server on) reloads it; then a card the bank
// does not honour pauses auto-reload and the banner says why until another card is chosen.
test.afterEach(async ({ request }) => resetServerClock(request));

const sizes = screenSizes.filter((size) => size.name !== 'small-desktop');

/** A valid Visa number no other account of this run has stored (a card belongs to one account only). */
function freshVisa(): string {
  const body = `4${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const sum = [...body].reverse().reduce((total, digit, index) => {
    const value = index % 2 === 0 ? Number(digit) * 2 : Number(digit);
    return total + (value > 9 ? value - 9 : value);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/**
 * What the Billing page's card form does (the page is another feature's): the number goes to the
 * sandbox processor's hosted field, only the token to our API. Returns the stored method's id.
 */
async function storeCard(request: APIRequestContext, csrf: string, number: string): Promise<string> {
  const token = await request.post('/sandbox-processor/v1/tokens', { data: { number, expiry: '12/30', cvc: '321' } });
  expect(token.status(), await token.text()).toBe(201);
  const address = { billing_name: 'Ada Lovelace', billing_line1: '12 St James’s Square', billing_city: 'London', billing_postcode: 'SW1Y 4LB', billing_country: 'GB' };
  const card = await request.post('/api/billing/payment-methods/cards', { headers: { 'x-csrf-token': csrf }, data: { token: ((await token.json()) as { token: string }).token, ...address } });
  expect(card.status(), await card.text()).toBe(201);
  return ((await card.json()) as { id: string }).id;
}

interface PaymentView {
  id: string;
  amount: number;
  status: string;
  method_label: string;
}

test('auto-reload tops up below €15 at the 10-minute check; a "do not honour" card pauses it and the banner says why', async ({ page, request }) => {
  test.setTimeout(180_000);
  const account = await signUpAndSignIn(page);
  const csrf = ((await (await page.request.get('/api/session')).json()) as { csrf_token: string }).csrf_token;
  const visa = freshVisa();
  const visaLabel = `Visa •••• ${visa.slice(-4)}`;
  const visaId = await storeCard(page.request, csrf, visa);
  const paid = await page.request.post('/api/billing/top-ups', { headers: { 'x-csrf-token': csrf, 'idempotency-key': `e2e-${account.apiKey}` }, data: { method_id: visaId, amount: 20 } });
  expect(paid.status(), await paid.text()).toBe(200);
  const firstPayment = ((await paid.json()) as { payment: PaymentView }).payment;
  const balanceNow = async () => {
    const response = await request.get(`/account/get-balance?api_key=${account.apiKey}&api_secret=${account.apiSecret}`);
    return (await response.json()) as { value: number; autoReload: boolean };
  };
  expect(await balanceNow()).toEqual({ value: 22, autoReload: false });

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Auto-reload', exact: true });
  await expect(card).toContainText('Auto-reload is off');
  await expect(card.getByLabel('Payment method')).toHaveValue(visaId);
  await expect(card.getByLabel('Amount (EUR)')).toHaveValue('20'); // the last top-up's amount
  await card.getByLabel('Reload automatically').check();
  await card.getByLabel('Balance threshold (EUR)').fill('15');
  await card.getByRole('button', { name: 'Save auto-reload' }).click();
  await expect(card.getByText('Saved', { exact: true })).toBeVisible();
  await expect(card).toContainText(`We check the balance every 10 minutes and add €20.00 from ${visaLabel} when it falls below €15.00.`);
  expect(await balanceNow()).toEqual({ value: 22, autoReload: true });
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'auto-reload-armed');
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // Spending €7.10 by SMS would take 174 messages: the operator refunds €7.10 of the top-up instead (€14.90),
  // and one SMS (€0.041) shows its remaining-balance exact: €14.859, below €15.
  runAdmin(['refund', '--payment', firstPayment.id, '--amount', '7.10']);
  const sms = await request.post('/sms/json', {
    form: { api_key: account.apiKey, api_secret: account.apiSecret, from: 'Acme', to: ukMobile('2').e164.slice(1), text: 'Below the threshold' },
  });
  const message = ((await sms.json()) as { messages: { status: string; 'remaining-balance': string }[] }).messages[0];
  expect(message).toMatchObject({ status: '0', 'remaining-balance': '14.85900000' });

  // Jobs claim each window once per run, and other specs claim the windows they move to: these offsets are auto-reload's own.
  const moved = await advanceServerClock(request, 11 * 3600);
  expect(moved.runs).toContainEqual(expect.objectContaining({ job: 'auto-reload', status: 'succeeded', outcome: expect.stringMatching(/^charged 1: settled 1,/) }));
  expect(await balanceNow()).toEqual({ value: 34.859, autoReload: true });
  const payments = ((await (await page.request.get('/api/billing/payments')).json()) as { payments: PaymentView[] }).payments;
  expect(payments[0]).toMatchObject({ amount: 20, status: 'settled', method_label: visaLabel });
  await page.reload();
  await expect(card).toContainText('Last reload: €20.00 on');
  await expect(page.getByRole('region', { name: 'Auto-reload paused' })).toHaveCount(0);

  // A card the bank does not honour: chosen for auto-reload, declined at the next check, auto-reload pauses at once.
  const refusedId = await storeCard(page.request, csrf, '4000000000000002');
  await page.reload();
  await card.getByLabel('Payment method').selectOption(refusedId);
  await card.getByRole('button', { name: 'Save auto-reload' }).click();
  await expect(card.getByText('Saved', { exact: true })).toBeVisible();
  runAdmin(['refund', '--payment', payments[0].id]); // €14.859 again
  const declined = await advanceServerClock(request, 10 * 60);
  expect(declined.runs).toContainEqual(expect.objectContaining({ job: 'auto-reload', outcome: expect.stringMatching(/paused 1/) }));
  expect(await balanceNow()).toEqual({ value: 14.859, autoReload: false });
  const email = await newestMessage(request, account.email);
  expect(email.subject).toBe('Auto-reload paused: Visa •••• 0002 declined (do not honour)');

  await page.goto('/');
  const banner = page.getByRole('region', { name: 'Auto-reload paused' });
  await expect(banner).toContainText(/Auto-reload paused: card declined \(do not honour\) on \d{1,2} \w{3} \d\d:\d\d — update the card/);
  await expect(banner.getByRole('button', { name: 'Resume' })).toBeEnabled();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'auto-reload-paused');
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // "Update the card": choosing another method re-arms it, and the banner goes.
  await banner.getByRole('link', { name: 'Update the card' }).click();
  await expect(page).toHaveURL(/\/billing#auto-reload-method$/);
  await expect(card).toContainText('Auto-reload paused: card declined (do not honour)');
  await card.getByLabel('Payment method').selectOption(visaId);
  await card.getByRole('button', { name: 'Save auto-reload' }).click();
  await expect(card).toContainText('Auto-reload is on');
  await expect(banner).toHaveCount(0);
  expect((await balanceNow()).autoReload).toBe(true);

  // The refused card goes (another account of this run may store the same test card).
  const removed = await page.request.delete(`/api/billing/payment-methods/${refusedId}`, { headers: { 'x-csrf-token': csrf } });
  expect(removed.status(), await removed.text()).toBe(204);
});
