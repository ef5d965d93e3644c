import { expect, test } from '@playwright/test';
import { createAccount, signUpAndSignIn } from './support/accounts.js';

// API settings: the API key, secret rotation (generate, revoke, choose) and the default webhooks.

test('a secret is rotated: a generated one is shown once, the original is revoked, a chosen one added', async ({ page }) => {
  test.setTimeout(90_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const account = await signUpAndSignIn(page);
  const listed = await page.request.get(`/accounts/${account.apiKey}/secrets`);
  expect(listed.status()).toBe(200);
  const original = ((await listed.json()) as { _embedded: { secrets: { id: string }[] } })._embedded.secrets[0].id;

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API settings' }).click();
  await expect(page).toHaveURL(/\/settings\/api$/);
  await expect(page.getByRole('heading', { name: 'API settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'API key', exact: true }).getByLabel('API key')).toHaveValue(account.apiKey);

  const secrets = page.getByRole('region', { name: 'API secrets' });
  const table = secrets.getByRole('table', { name: 'API secrets' });
  const originalRow = table.getByRole('row').filter({ hasText: original });
  await expect(originalRow).toBeVisible();
  // The only secret cannot be revoked, and the page says why.
  await expect(originalRow.getByRole('button', { name: 'Revoke' })).toBeDisabled();
  await expect(originalRow.getByRole('button', { name: 'Revoke' })).toHaveAccessibleDescription(
    'An account always keeps at least one secret.',
  );

  // Generate a second secret: shown once, with a copy button and the warning.
  const create = secrets.getByRole('button', { name: 'Create secret' });
  await create.click();
  await expect(secrets.getByRole('radio', { name: 'Generate a strong secret for me' })).toBeChecked();
  await secrets.getByRole('button', { name: 'Generate secret' }).click();
  const newSecret = secrets.getByLabel('New API secret');
  await expect(newSecret).toHaveValue(/^\S{8,}$/);
  await expect(newSecret).toBeFocused();
  await expect(secrets).toContainText('This secret will not be shown again');
  await secrets.getByRole('button', { name: 'Copy secret' }).click();
  await expect(secrets.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const generated = await newSecret.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(generated);
  await expect(table.getByRole('row')).toHaveCount(3); // header + 2 secrets

  // Two secrets is the maximum: creating is disabled, with the reason.
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription(/at most 2 secrets/);

  // The new secret works for the API (and the original still does until it is revoked).
  const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${account.apiKey}:${secret}`).toString('base64')}` });
  expect((await page.request.get('/account/get-balance', { headers: basic(generated) })).status()).toBe(200);

  // Revoke the original through the confirmation dialog; Escape cancels it first.
  await originalRow.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke this secret?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toContainText(original);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(originalRow.getByRole('button', { name: 'Revoke' })).toBeFocused();
  await expect(originalRow).toBeVisible();

  await originalRow.getByRole('button', { name: 'Revoke' }).click();
  await dialog.getByRole('button', { name: 'Revoke secret' }).click();
  await expect(dialog).toBeHidden();
  await expect(originalRow).toHaveCount(0);
  await expect(secrets.getByRole('status').filter({ hasText: 'Secret revoked' })).toBeVisible();
  // Focus does not fall to the page: it moves on to creating a replacement.
  await expect(create).toBeFocused();
  expect((await page.request.get('/account/get-balance', { headers: basic(account.apiSecret) })).status()).toBe(401);

  // The one left cannot be revoked.
  const remaining = table.getByRole('row').nth(1);
  await expect(remaining.getByRole('button', { name: 'Revoke' })).toBeDisabled();
  await expect(remaining.getByRole('button', { name: 'Revoke' })).toHaveAccessibleDescription(
    'An account always keeps at least one secret.',
  );

  // The generated secret is not shown again.
  await secrets.getByRole('button', { name: 'I have copied it' }).click();
  await expect(secrets.getByLabel('New API secret')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'API settings', level: 1 })).toBeVisible();
  await expect(secrets.getByLabel('New API secret')).toHaveCount(0);
  await expect(table.getByRole('row')).toHaveCount(2);

  // Choose a secret: the rule is checked while typing.
  await expect(create).toBeEnabled();
  await create.click();
  await secrets.getByRole('radio', { name: 'Choose my own secret' }).check();
  const chosen = secrets.getByLabel('Your secret');
  const rules = secrets.getByRole('list', { name: 'Secret requirements' });
  const rule = (label: string) => rules.getByRole('listitem').filter({ hasText: label });
  await expect(rule('8 to 25 characters')).toContainText('(not yet)');
  await chosen.fill('abc1');
  await expect(rule('A lowercase letter')).toContainText('(done)');
  await expect(rule('A digit')).toContainText('(done)');
  await expect(rule('An uppercase letter')).toContainText('(not yet)');
  await expect(rule('8 to 25 characters')).toContainText('(not yet)');
  await secrets.getByRole('button', { name: 'Add secret' }).click();
  await expect(chosen).toHaveAttribute('aria-invalid', 'true');
  await expect(chosen).toHaveAccessibleDescription(/Does not meet complexity requirements/);

  const mySecret = `Rotate${Date.now() % 100_000}Ok`;
  await chosen.fill(mySecret);
  for (const label of ['8 to 25 characters', 'A lowercase letter', 'An uppercase letter', 'A digit']) {
    await expect(rule(label)).toContainText('(done)');
  }
  await secrets.getByRole('button', { name: 'Add secret' }).click();
  await expect(secrets.getByRole('status').filter({ hasText: 'Secret added' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription(/at most 2 secrets/);
  expect((await page.request.get('/account/get-balance', { headers: basic(mySecret) })).status()).toBe(200);
});

test('a default webhook is saved only when it answers 200 OK', async ({ page }) => {
  await signUpAndSignIn(page);
  await page.goto('/settings/api');
  const origin = new URL(page.url()).origin;

  const webhooks = page.getByRole('region', { name: 'Default webhooks' });
  const receipts = webhooks.getByLabel('Delivery receipt webhook');
  await expect(receipts).toHaveValue('');
  await expect(webhooks.getByLabel('Inbound SMS webhook')).toHaveValue('');

  await receipts.fill(`${origin}/api/nope`);
  await webhooks.getByRole('button', { name: 'Save webhooks' }).click();
  await expect(receipts).toHaveAttribute('aria-invalid', 'true');
  await expect(receipts).toHaveAccessibleDescription(/did not answer 200 OK/);

  await receipts.fill(`${origin}/healthz`);
  await webhooks.getByRole('button', { name: 'Save webhooks' }).click();
  await expect(webhooks.getByRole('status').filter({ hasText: 'Saved: the URL answered 200 OK' })).toBeVisible();
  await expect(receipts).not.toHaveAttribute('aria-invalid', 'true');

  await page.reload();
  await expect(receipts).toHaveValue(`${origin}/healthz`);
});

test('calls signed with a secret are listed on the overview, which then drops the getting started link', async ({ page, request }) => {
  const account = await createAccount(request);
  const { apiKey, apiSecret } = account;

  // Signed in through the browser: `request` has no session, so its API call is the account's first one.
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Last API calls' })).toContainText('No API calls yet');
  await expect(page.getByRole('region', { name: 'Getting started' }).getByRole('link')).toBeVisible();

  const basic = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
  expect((await request.get('/account/get-balance', { headers: { authorization: basic } })).status()).toBe(200);

  const calls = page.getByRole('table', { name: 'Last API calls' });
  // The request log is written in batches, and the overview's two queries may load either side of a
  // batch: reload until both show the call.
  await expect(async () => {
    await page.reload();
    await expect(calls.getByRole('row').filter({ hasText: '/account/get-balance' })).toContainText('GET', { timeout: 1000 });
    await expect(page.getByRole('region', { name: 'Getting started' })).toHaveCount(0, { timeout: 1000 });
  }).toPass();
  await expect(calls.getByRole('row').filter({ hasText: '/account/get-balance' })).toContainText('200');
});

test('a generated secret that is revoked at once leaves no dead value on screen', async ({ page }) => {
  await signUpAndSignIn(page);
  await page.goto('/settings/api');
  const secrets = page.getByRole('region', { name: 'API secrets' });
  await secrets.getByRole('button', { name: 'Create secret' }).click();
  await secrets.getByRole('button', { name: 'Generate secret' }).click();
  await expect(secrets.getByLabel('New API secret')).toBeVisible();

  const newest = secrets.getByRole('table', { name: 'API secrets' }).getByRole('row').nth(2);
  await newest.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog', { name: 'Revoke this secret?' }).getByRole('button', { name: 'Revoke secret' }).click();
  await expect(secrets.getByRole('status').filter({ hasText: 'Secret revoked' })).toBeVisible();
  await expect(secrets.getByLabel('New API secret')).toHaveCount(0);
  await expect(secrets.getByRole('button', { name: 'Copy secret' })).toHaveCount(0);
});
