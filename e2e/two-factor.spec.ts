import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { createAccount, signIn } from './support/accounts.js';

// Two-factor sign-in: enrolled through the API (the code computed as the app would), then the
// sign-in page asks for the app's code once the password is right.

test('an owner with two-factor sign-in signs in with the code from the app', async ({ page, request }) => {
  test.setTimeout(90_000);
  const account = await createAccount(request);
  const { csrf_token: csrfToken } = (await (await request.get('/api/session')).json()) as { csrf_token: string };
  const headers = { 'x-csrf-token': csrfToken };
  const enrolment = await request.post('/api/profile/two-factor/enrolment', { headers });
  expect(enrolment.status(), await enrolment.text()).toBe(201);
  const { secret } = (await enrolment.json()) as { secret: string };
  const confirmed = await request.post('/api/profile/two-factor/enrolment/confirm', { headers, data: { code: await generate({ secret }) } });
  expect(confirmed.status(), await confirmed.text()).toBe(200);

  await page.goto('/signin');
  await signIn(page, account.email, account.password);
  const codeField = page.getByLabel('Code from your authenticator app');
  await expect(codeField).toBeFocused();

  // The confirming code's 30-second step is spent; the app shows a new code in the next one.
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 1_000);
  await codeField.fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});
