import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './support/accounts.js';
import { advanceServerClock, resetServerClock } from './support/clock.js';
import { newestMessage } from './support/outbox.js';

// Time-bound behaviour without waiting: /dev/clock moves the server's clock and runs the due jobs.
// Each test puts it back afterwards: the specs that run after this one compare the server's time with the browser's.
test.afterEach(async ({ request }) => resetServerClock(request));

test('a reset link opened after its 15 minutes is refused, and the old password still works', async ({ page, request }) => {
  const company = await createAccount(request);
  const requested = await request.post('/api/password-resets', { data: { email: company.email } });
  expect(requested.status()).toBe(202);
  // The e-mail is queued and sent by the delivery job, not during the request.
  const email = await newestMessage(request, company.email);
  const link = /https?:\/\/\S+?(\/reset-password\/confirm#token=[\w-]+)/.exec(email.body);
  expect(link, `a reset link in "${email.body}"`).not.toBeNull();

  const before = (await (await request.get('/dev/clock')).json()) as { now: string };
  const moved = await advanceServerClock(request, 16 * 60);
  expect(new Date(moved.now).getTime() - new Date(before.now).getTime()).toBeGreaterThanOrEqual(16 * 60_000);
  expect(moved.runs.every((run) => run.status === 'succeeded')).toBe(true);

  await page.goto(link![1]);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password').fill(`${company.password} too late`);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText(/expired|used/i);

  await page.goto('/signin');
  await signIn(page, company.email, company.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});
