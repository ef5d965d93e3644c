import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { readPin } from './outbox.js';

export interface NewCompany {
  companyName: string;
  name: string;
  email: string;
  password: string;
  /** E.164, as the outbox records it. */
  phone: string;
  /** The same number as a UK user would type it. */
  nationalPhone: string;
}

/** A unique UK mobile number in the 07400 range: `prefix` keeps the specs' numbers apart. */
export function ukMobile(prefix: '1' | '2' = '1') {
  const subscriber = String(Math.floor(Math.random() * 100_000)).padStart(5, '0');
  return {
    e164: `+447400${prefix}${subscriber}`,
    national: `07400 ${prefix}${subscriber}`,
    international: `+44 7400 ${prefix}${subscriber}`,
  };
}

export function newCompany(): NewCompany {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const phone = ukMobile('1');
  return {
    companyName: `Acme Calls ${unique}`,
    name: 'Ada Lovelace',
    email: `ada.${unique}@example.com`,
    password: `Correct horse 1 ${unique}`,
    phone: phone.e164,
    nationalPhone: phone.national,
  };
}

/** Fills and submits the sign-up form; ends on the PIN page. */
export async function fillSignupForm(page: Page, company: NewCompany) {
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

export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export interface CreatedAccount extends NewCompany {
  apiKey: string;
  /** The secret generated at sign-up (shown once). */
  apiSecret: string;
}

/**
 * A verified account made through the API, PIN read from the outbox. With `page.request` the browser
 * context gets the session cookie, so the test starts signed in; with the `request` fixture it does not.
 */
export async function createAccount(request: APIRequestContext): Promise<CreatedAccount> {
  const company = newCompany();
  const signup_id = await startSignup(request, company);
  const { pin } = await readPin(request, company.phone);
  const verified = await request.post(`/api/signups/${signup_id}/verify`, { data: { pin } });
  expect(verified.status(), await verified.text()).toBe(200);
  const body = (await verified.json()) as { account: { api_key: string }; api_secret: string };
  return { ...company, apiKey: body.account.api_key, apiSecret: body.api_secret };
}

/** Starts a sign-up in the United Kingdom with a PIN by SMS; the sign-up then waits for its PIN. */
export async function startSignup(request: APIRequestContext, company: NewCompany): Promise<string> {
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
  return ((await response.json()) as { signup_id: string }).signup_id;
}

/** A new account, signed in in this page's browser context. */
export function signUpAndSignIn(page: Page): Promise<CreatedAccount> {
  return createAccount(page.request);
}
