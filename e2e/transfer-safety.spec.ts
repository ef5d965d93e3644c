import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signUpAndSignIn, type CreatedAccount } from './support/accounts.js';

// Issue 10, money safety: a transfer is sent when the person confirms it and at no other time, and a
// retry after a lost answer applies it once.

const basic = (account: CreatedAccount) => ({
  authorization: `Basic ${Buffer.from(`${account.apiKey}:${account.apiSecret}`).toString('base64')}`,
});

/** An own-balance subaccount made through the public API (a context without the console's cookie). */
async function ownBalanceSubaccount(request: APIRequestContext, account: CreatedAccount, name: string): Promise<string> {
  const response = await request.post(`/accounts/${account.apiKey}/subaccounts`, {
    headers: basic(account),
    data: { name, use_primary_account_balance: false },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { api_key: string }).api_key;
}

/** The family's balance transfers and the subaccount's balance, as the public API reports them. */
async function ledger(request: APIRequestContext, account: CreatedAccount, subKey: string) {
  const transfers = await request.get(`/accounts/${account.apiKey}/balance-transfers?start_date=2000-01-01T00:00:00Z`, {
    headers: basic(account),
  });
  const subaccount = await request.get(`/accounts/${account.apiKey}/subaccounts/${subKey}`, { headers: basic(account) });
  const list = (await transfers.json()) as { _embedded: { balance_transfers: unknown[] } };
  return {
    transfers: list._embedded.balance_transfers.length,
    balance: ((await subaccount.json()) as { balance: number }).balance,
  };
}

async function openAddBalance(page: Page, subKey: string, name: string) {
  await page.goto(`/subaccounts/${subKey}`);
  await page.getByRole('region', { name: 'Balance', exact: true }).getByRole('button', { name: 'Add balance' }).click();
  const dialog = page.getByRole('dialog', { name: `Add balance to ${name}` });
  await dialog.getByLabel('Amount (EUR)').fill('1');
  return dialog;
}

test('offline, a transfer fails at once with a message and is not sent when the connection returns', async ({
  page,
  context,
  request,
}) => {
  const account = await signUpAndSignIn(page);
  const subKey = await ownBalanceSubaccount(request, account, 'offline customer');
  const dialog = await openAddBalance(page, subKey, 'offline customer');
  const sent: string[] = [];
  page.on('request', (sentRequest) => {
    if (sentRequest.method() === 'POST' && sentRequest.url().includes('-transfers')) sent.push(sentRequest.url());
  });

  await context.setOffline(true);
  for (let attempt = 0; attempt < 2; attempt++) {
    await dialog.getByRole('button', { name: 'Add €1.00 balance' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^You are offline — nothing was transferred\./);
  }
  await context.setOffline(false);

  // Back online, the subaccount page refreshes its figures every 5 s: by the time it has done so, a
  // queued request would have been sent.
  await page.waitForResponse((response) => response.url().endsWith(`/subaccounts/${subKey}`) && response.ok());
  expect(sent).toEqual([]);
  expect(await ledger(request, account, subKey)).toEqual({ transfers: 0, balance: 0 });

  // Asked for again, online, it is made once.
  await dialog.getByRole('button', { name: 'Add €1.00 balance' }).click();
  await expect(dialog).toBeHidden();
  expect(sent).toHaveLength(1);
  expect(await ledger(request, account, subKey)).toEqual({ transfers: 1, balance: 1 });
});

test('a transfer whose answer is lost is retried from the dialog with the same key and moves money once', async ({
  page,
  request,
}) => {
  const account = await signUpAndSignIn(page);
  const subKey = await ownBalanceSubaccount(request, account, 'timeout customer');
  const keys: string[] = [];
  let loseAnswer = true;
  await page.route('**/balance-transfers', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (!loseAnswer) return route.continue();
    loseAnswer = false;
    await route.fetch(); // the server applies the transfer …
    await route.abort('timedout'); // … and its answer never reaches the browser
  });

  const dialog = await openAddBalance(page, subKey, 'timeout customer');
  await dialog.getByRole('button', { name: 'Add €1.00 balance' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'We do not know whether the transfer was made' })).toBeVisible();
  await expect(dialog.getByLabel('Amount (EUR)')).toBeDisabled();
  expect(await ledger(request, account, subKey)).toEqual({ transfers: 1, balance: 1 });

  await dialog.getByRole('button', { name: 'Retry the €1.00 transfer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Added €1.00 balance to timeout customer.' })).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(await ledger(request, account, subKey)).toEqual({ transfers: 1, balance: 1 });

  // A new transfer from a new dialog is a new movement, with a new key.
  const again = await openAddBalance(page, subKey, 'timeout customer');
  await again.getByRole('button', { name: 'Add €1.00 balance' }).click();
  await expect(again).toBeHidden();
  expect(keys).toHaveLength(3);
  expect(keys[2]).not.toBe(keys[0]);
  expect(await ledger(request, account, subKey)).toEqual({ transfers: 2, balance: 2 });
});
