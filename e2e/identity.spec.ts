import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// Sign-up, PIN verification, sign-in/out and password reset, end to end against the real server.
// PINs and reset links are read from the development outbox (/dev/outbox).

interface OutboxMessage {
  id: string | number;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  subject: string | null;
  body: string;
  created_at: string;
}

interface NewCompany {
  companyName: string;
  name: string;
  email: string;
  password: string;
  /** E.164, as the outbox records it. */
  phone: string;
  /** The same number as a UK user would type it. */
  nationalPhone: string;
}

function newCompany(): NewCompany {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const subscriber = String(Math.floor(Math.random() * 100_000)).padStart(5, '0');
  return {
    companyName: `Acme Calls ${unique}`,
    name: 'Ada Lovelace',
    email: `ada.${unique}@example.com`,
    password: `Correct horse 1 ${unique}`,
    phone: `+4474001${subscriber}`,
    nationalPhone: `074001 ${subscriber}`,
  };
}

async function newestMessage(request: APIRequestContext, recipient: string, after?: OutboxMessage['id']) {
  let found: OutboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
        expect(response.ok()).toBe(true);
        const { messages } = (await response.json()) as { messages: OutboxMessage[] };
        found = messages[0] && messages[0].id !== after ? messages[0] : undefined;
        return found;
      },
      { message: `a message to ${recipient}` },
    )
    .toBeDefined();
  return found as OutboxMessage;
}

async function readPin(request: APIRequestContext, phone: string, after?: OutboxMessage['id']) {
  const message = await newestMessage(request, phone, after);
  // SMS: "… PIN is 1234 …"; voice: "… PIN is 1 2 3 4 …".
  const pin = /\b(\d(?: ?\d){3})\b/.exec(message.body)?.[1]?.replace(/ /g, '');
  expect(pin, `a 4-digit PIN in "${message.body}"`).toBeDefined();
  return { pin: pin as string, message };
}

async function fillSignupForm(page: Page, company: NewCompany) {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Create your Switchboard account' })).toBeVisible();
  await page.getByLabel('Company name').fill(company.companyName);
  await page.getByLabel('Your name').fill(company.name);
  await page.getByLabel('E-mail').fill(company.email);
  await page.getByLabel('Password', { exact: true }).fill(company.password);
  await expect(page.getByRole('list', { name: 'Password requirements' })).toContainText('At least 10 characters');
  await expect(page.getByLabel('Country')).toHaveValue('GB');
  await page.getByLabel('Phone number').fill(company.nationalPhone);
  await page.getByRole('radio', { name: 'SMS' }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup\/verify\/[\w-]+$/);
  await expect(page.getByRole('heading', { name: 'Verify your phone number' })).toBeVisible();
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A verified account made through the API, for tests that start signed out. */
async function createAccount(request: APIRequestContext): Promise<NewCompany> {
  const company = newCompany();
  const response = await request.post('/api/signups', {
    data: {
      company_name: company.companyName,
      name: company.name,
      email: company.email,
      password: company.password,
      country: 'GB',
      phone: company.phone,
      pin_channel: 'sms',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { signup_id } = (await response.json()) as { signup_id: string };
  const { pin } = await readPin(request, company.phone);
  const verified = await request.post(`/api/signups/${signup_id}/verify`, { data: { pin } });
  expect(verified.status(), await verified.text()).toBe(200);
  return company;
}

test('a company signs up, verifies its phone, signs out and in, and resets its password', async ({ page, request }) => {
  test.setTimeout(120_000);
  const company = newCompany();

  await fillSignupForm(page, company);
  await expect(page.getByText(/We sent a PIN to/)).toContainText(`+44 ••• •••${company.phone.slice(-3)}`);
  await expect(page.getByRole('button', { name: 'Resend PIN' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Call me instead' })).toBeDisabled();

  const { pin } = await readPin(request, company.phone);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€2.00');
  await expect(page.getByRole('region', { name: 'Account' })).toContainText(company.companyName);
  await expect(page.getByRole('region', { name: 'Account' })).toContainText('DEMO');
  await expect(page.getByRole('status').filter({ hasText: 'demo mode' })).toContainText('[DEMO]');
  const credentials = page.getByRole('region', { name: 'API credentials' });
  await expect(credentials.getByLabel('API key')).toHaveValue(/^[0-9a-f]{8}$/);
  await expect(credentials.getByLabel('API secret')).toHaveValue(/\S{8,}/);
  await expect(credentials).toContainText('This secret will not be shown again');
  await expect(credentials.getByRole('button', { name: 'Copy API secret' })).toBeVisible();

  // The secret is shown once: not after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(credentials.getByLabel('API key')).toHaveValue(/^[0-9a-f]{8}$/);
  await expect(credentials.getByLabel('API secret')).toHaveCount(0);
  await expect(credentials).toContainText('API settings');

  // A signed-in user who opens the sign-in page goes straight back to the console.
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);

  await signIn(page, company.email, company.password);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('€2.00');
  await expect(page.getByLabel('API secret')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();

  // Password reset: request a link, read it from the outbox, choose a new password.
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('E-mail').fill(company.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'If an account uses this e-mail address' })).toBeVisible();

  const email = await newestMessage(request, company.email);
  const link = /https?:\/\/\S+?(\/reset-password\/[\w-]+)/.exec(email.body);
  expect(link, `a reset link in "${email.body}"`).not.toBeNull();
  await page.goto(link![1]);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  const newPassword = `${company.password} renewed 2`;
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your password has been changed' })).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn(page, company.email, company.password);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await signIn(page, company.email, newPassword);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();

  // The link works only once.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(link![1]);
  await page.getByLabel('New password').fill(`${newPassword} again 3`);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText(/expired|used/i);
});

test('a wrong PIN shows the attempts left next to the field', async ({ page, request }) => {
  const company = newCompany();
  await fillSignupForm(page, company);
  const { pin } = await readPin(request, company.phone);
  const wrongPin = String((Number(pin) + 1) % 10_000).padStart(4, '0');

  const pinField = page.getByLabel('PIN');
  await pinField.fill(wrongPin);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(pinField).toHaveAttribute('aria-invalid', 'true');
  await expect(pinField).toHaveAccessibleDescription(/2 attempts left/);

  // The right PIN still works afterwards.
  await pinField.fill(pin);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});

test('after the cooldown a new PIN can be requested by voice call, and only the new PIN works', async ({ page, request }) => {
  test.setTimeout(90_000);
  const company = newCompany();
  await fillSignupForm(page, company);
  const first = await readPin(request, company.phone);

  const callMe = page.getByRole('button', { name: 'Call me instead' });
  await expect(callMe).toBeDisabled();
  await expect(callMe).toHaveAccessibleDescription(/You can request a new PIN in 0:[0-3]\d/);
  await expect(callMe).toBeEnabled({ timeout: 40_000 });
  await callMe.click();
  await expect(page.getByRole('status').filter({ hasText: 'We are calling' })).toBeVisible();
  await expect(page.getByText(/We sent a PIN to/)).toContainText('by voice call');
  await expect(page.getByRole('button', { name: 'Resend PIN' })).toBeDisabled();

  const second = await readPin(request, company.phone, first.message.id);
  expect(second.message.channel).toBe('voice');

  const pinField = page.getByLabel('PIN');
  if (first.pin !== second.pin) {
    await pinField.fill(first.pin);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(pinField).toHaveAttribute('aria-invalid', 'true');
  }
  await pinField.fill(second.pin);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
});

test('a deep link to a protected page goes through sign-in and comes back', async ({ page, request }) => {
  const company = await createAccount(request);

  await page.goto('/?from=deep-link');
  await expect(page).toHaveURL(/\/signin\?next=%2F%3Ffrom%3Ddeep-link$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create an account' })).toBeVisible();

  await signIn(page, company.email, 'not the password 1');
  await expect(page.getByRole('alert')).toBeVisible();

  await signIn(page, company.email, company.password);
  await expect(page).toHaveURL(/\/\?from=deep-link$/);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Account' })).toContainText(company.companyName);
});

test('an e-mail address already in use is reported next to the field', async ({ page, request }) => {
  const existing = await createAccount(request);
  const company = { ...newCompany(), email: existing.email };

  await page.goto('/signup');
  await page.getByLabel('Company name').fill(company.companyName);
  await page.getByLabel('Your name').fill(company.name);
  await page.getByLabel('E-mail').fill(company.email);
  await page.getByLabel('Password', { exact: true }).fill(company.password);
  await page.getByLabel('Phone number').fill(company.nationalPhone);
  await page.getByRole('button', { name: 'Create account' }).click();

  const emailField = page.getByLabel('E-mail');
  await expect(emailField).toHaveAttribute('aria-invalid', 'true');
  await expect(emailField).toHaveAccessibleDescription(/already exists/);
  await expect(page).toHaveURL(/\/signup$/);
});

test('a sign-up from a country that needs review shows the review message', async ({ page }) => {
  const company = newCompany();
  const subscriber = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');

  await page.goto('/signup');
  await page.getByLabel('Company name').fill(company.companyName);
  await page.getByLabel('Your name').fill(company.name);
  await page.getByLabel('E-mail').fill(company.email);
  await page.getByLabel('Password', { exact: true }).fill(company.password);
  await page.getByLabel('Country').selectOption('NG');
  await page.getByLabel('Phone number').fill(`0803 123 ${subscriber}`);
  await page.getByRole('radio', { name: 'Voice call' }).check();
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { name: 'Your sign-up awaits manual review' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('reviewed by our team');
});

test('an unknown route shows the not-found page', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go back home' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
});
