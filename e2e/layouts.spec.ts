import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createAccount, newCompany, signIn, startSignup, type CreatedAccount } from './support/accounts.js';
import { checkLayout, screenSizes, type ScreenSize } from './support/layout-checks.js';
import { addMember } from './support/members.js';
import { setCreditLimit } from './support/operator.js';
import {
  addSecretViaApi,
  createSubaccountViaApi,
  suspendViaApi,
  transferViaApi,
  type CreatedSubaccount,
} from './support/subaccount-family.js';

// Issue 10: every page and dialog at 1366×768, 1024×768 and on a phone (390×844), with a partner's
// family of about 30 subaccounts and a few hundred transfers. The family is made once and the signed-in
// state is shared across the sizes; each size checks sideways scrolling and axe, and saves screenshots.

/** An unbroken 80-character name (the longest the API accepts): it must never widen a page. */
const LONG_NAME = 'Northwind' + 'Telecommunications'.repeat(4).slice(0, 71);
const companies = [
  'Brightline Telecom', 'Harbour Logistics', 'Kestrel Health', 'Meadow & Finch Bakery', 'Orbit Taxis',
  'Pinecrest Dental', 'Quayside Lettings', 'Riverbank Vets', 'Saffron Kitchen', 'Tidewater Marine',
  'Upland Outdoor', 'Vantage Couriers', 'Willow Care Homes', 'Yardley Plumbing', 'Zephyr Travel',
  'Aldgate Pharmacy', 'Beacon Tutors', 'Cobalt Gyms', 'Dovetail Joinery', 'Ember Florists',
  'Fairway Golf Club', 'Granite Security', 'Hollow Oak Farm', 'Ironbridge Motors', 'Juniper Salons',
  'Kingfisher Estates', 'Lantern Events', 'Marlow Opticians',
];

interface Family {
  primary: CreatedAccount;
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>;
  /** Own balance, the long name, a negative balance of −€9,876.54. */
  indebted: CreatedSubaccount;
  shared: CreatedSubaccount;
  pendingSignupId: string;
}
let family: Family;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const request = context.request;
  const primary = await createAccount(request);
  setCreditLimit(primary.apiKey, -100_000);
  await addSecretViaApi(request, primary, 'Rotation2Secret');

  const indebted = await createSubaccountViaApi(request, primary, LONG_NAME, true);
  const subaccounts = [indebted];
  for (const [index, company] of companies.entries()) {
    subaccounts.push(await createSubaccountViaApi(request, primary, company, index % 2 === 0));
  }
  const shared = subaccounts.find((sub) => !sub.ownBalance)!;
  await suspendViaApi(request, primary, subaccounts[3].apiKey);
  await suspendViaApi(request, primary, subaccounts[8].apiKey);

  // A negative balance: €12,000 of credit, of which €9,876.54 is taken back as balance.
  await transferViaApi(request, primary, 'credit', { from: primary.apiKey, to: indebted.apiKey, amount: 12_000 });
  await transferViaApi(request, primary, 'balance', {
    from: indebted.apiKey,
    to: primary.apiKey,
    amount: 9_876.54,
    reference: 'Settlement of the March invoice for all of the Northwind group’s regional offices',
  });

  // A few hundred transfers, ten at a time (each to a different subaccount).
  const own = subaccounts.filter((sub) => sub.ownBalance && sub !== indebted);
  const transfers = Array.from({ length: 320 }, (_, index) => {
    const sub = own[index % own.length];
    return index % 2 === 0
      ? { kind: 'credit' as const, body: { from: primary.apiKey, to: sub.apiKey, amount: 1.5, reference: `Credit ${index}` } }
      : { kind: 'balance' as const, body: { from: primary.apiKey, to: sub.apiKey, amount: 0.25 } };
  });
  for (let start = 0; start < transfers.length; start += own.length) {
    await Promise.all(
      transfers.slice(start, start + own.length).map(({ kind, body }) => transferViaApi(request, primary, kind, body)),
    );
  }

  // A sign-up waiting for its PIN, for the verification page.
  const signedOut = await browser.newContext();
  const signup_id = await startSignup(signedOut.request, newCompany());
  await signedOut.close();

  family = { primary, storageState: await context.storageState(), indebted, shared, pendingSignupId: signup_id };
  await context.close();
});

async function openPage(browser: Browser, size: ScreenSize, signedIn: boolean): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    storageState: signedIn ? family.storageState : undefined,
  });
  return context.newPage();
}

async function visit(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

for (const size of screenSizes) {
  test(`signed-out pages at ${size.width}×${size.height}`, async ({ browser }) => {
    const page = await openPage(browser, size, false);
    await visit(page, '/signin', 'Sign in to Switchboard');
    await checkLayout(page, size, 'sign-in');
    await visit(page, '/signup', 'Create your Switchboard account');
    await checkLayout(page, size, 'sign-up');
    await visit(page, `/signup/verify/${family.pendingSignupId}`, 'Verify your phone number');
    await checkLayout(page, size, 'verify-signup');
    await visit(page, '/reset-password', 'Reset your password');
    await checkLayout(page, size, 'reset-password');
    await visit(page, '/reset-password/confirm#token=not-a-real-token', 'Choose a new password');
    await checkLayout(page, size, 'reset-password-confirm');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checkLayout(page, size, 'not-found');
    // A member's first sign-in with a temporary password lands on the set-password page.
    const owner = await browser.newContext({ storageState: family.storageState });
    const member = await addMember(owner.request, { roleId: 'read_only' });
    await owner.close();
    await visit(page, '/signin', 'Sign in to Switchboard');
    await signIn(page, member.email, member.temporaryPassword);
    await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    await checkLayout(page, size, 'set-password');
    await page.context().close();
  });

  test(`console pages and dialogs at ${size.width}×${size.height}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await openPage(browser, size, true);
    const { primary, indebted, shared } = family;

    await visit(page, '/', 'Overview');
    await checkLayout(page, size, 'overview');
    // The first Tab reaches the skip link, which moves focus past the navigation.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // On a phone the navigation folds behind a Menu button; on a desktop it is always there.
    const navigation = page.getByRole('navigation', { name: 'Main' });
    if (size.name === 'phone') {
      await expect(navigation).toBeHidden();
      await page.getByRole('button', { name: 'Menu' }).click();
      await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'true');
      await checkLayout(page, size, 'navigation-menu');
      await navigation.getByRole('link', { name: 'Getting started' }).click();
      await expect(navigation).toBeHidden();
    } else {
      await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
      await navigation.getByRole('link', { name: 'Getting started' }).click();
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();

    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await checkLayout(page, size, 'getting-started');

    await visit(page, '/settings/api', 'API settings');
    const secrets = page.getByRole('region', { name: 'API secrets' });
    await expect(secrets.getByRole('button', { name: 'Revoke' }).first()).toBeInViewport();
    await checkLayout(page, size, 'api-settings');
    await secrets.getByRole('button', { name: 'Revoke' }).first().click();
    await expect(page.getByRole('dialog', { name: 'Revoke this secret?' })).toBeVisible();
    await checkLayout(page, size, 'revoke-secret-dialog');
    await page.keyboard.press('Escape');

    // The list scrolls with the page (the window is the virtual list's scroller), not in a box.
    await visit(page, '/subaccounts', 'Subaccounts');
    await expect(page.getByRole('link', { name: 'Marlow Opticians' })).toBeVisible();
    await expect(page.getByRole('region', { name: /Subaccounts table/ })).toHaveCount(0);
    const oldest = page.getByRole('link', { name: LONG_NAME });
    await page.mouse.wheel(0, 20_000);
    await expect(oldest).toBeInViewport();
    await expect(oldest).toHaveAttribute('title', LONG_NAME);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    // Sorting stays on screen at every size (on a phone, as buttons above the cards).
    const sortByBalance = page.getByRole('table', { name: 'Subaccounts' }).getByRole('button', { name: 'Balance', exact: true });
    expect((await sortByBalance.boundingBox())?.width).toBeGreaterThan(20);
    await checkLayout(page, size, 'subaccounts');

    await page.getByRole('button', { name: 'Create subaccount' }).click();
    const create = page.getByRole('dialog', { name: 'Create subaccount' });
    await create.getByLabel('Name').fill(`Size check ${size.name}`);
    await checkLayout(page, size, 'create-subaccount-dialog');
    await create.getByRole('button', { name: 'Create subaccount' }).click();
    const created = page.getByRole('dialog', { name: 'Subaccount created' });
    await expect(created.getByLabel('API secret')).toHaveValue(/\S{8,}/);
    await checkLayout(page, size, 'subaccount-created-dialog');
    await created.getByRole('button', { name: 'Done' }).click();
    await expect(created).toBeHidden();

    // Transfers: on a phone each is a card led by its amount.
    await visit(page, '/subaccounts/transfers', 'Transfers');
    const transfers = page.getByRole('table', { name: 'Transfers' });
    await expect(transfers.getByRole('row').nth(1)).toBeVisible();
    const newest = transfers.getByRole('row').nth(1);
    const amount = newest.getByRole('cell').nth(2);
    await amount.scrollIntoViewIfNeeded();
    await expect(amount).toHaveText(/^€\d/);
    await expect(amount).toBeInViewport();
    if (size.name === 'phone') {
      const [amountBox, dateBox] = [await amount.boundingBox(), await newest.getByRole('cell').first().boundingBox()];
      expect(amountBox!.y).toBeLessThan(dateBox!.y);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    // Hundreds of transfers are shown a page at a time.
    await expect(page.getByRole('status').filter({ hasText: '322 transfers, newest first (showing 100).' })).toBeVisible();
    await checkLayout(page, size, 'transfers');

    // A subaccount with a long name and a negative balance.
    await visit(page, `/subaccounts/${indebted.apiKey}`, LONG_NAME);
    await expect(page.getByRole('heading', { level: 1, name: LONG_NAME })).toHaveAttribute('title', LONG_NAME);
    const funds = page.getByRole('region', { name: 'Balance', exact: true });
    await expect(funds.getByRole('definition').first()).toHaveText(/^-€9,876\.54$|^−€9,876\.54$/);
    await checkLayout(page, size, 'subaccount');

    await funds.getByRole('button', { name: 'Give credit' }).click();
    const giveCredit = page.getByRole('dialog', { name: `Give credit to ${LONG_NAME}` });
    await giveCredit.getByLabel('Amount (EUR)').fill('12.5');
    const effect = giveCredit.getByRole('table', { name: 'After the transfer' });
    await expect(effect).toBeVisible();
    await expect(effect.getByRole('row').last()).toContainText('€');
    await checkLayout(page, size, 'give-credit-dialog');
    await giveCredit.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('region', { name: 'Settings' }).getByRole('button', { name: 'Suspend' }).click();
    await expect(page.getByRole('dialog', { name: `Suspend ${LONG_NAME}?` })).toBeVisible();
    await checkLayout(page, size, 'suspend-dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Manage API secrets' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^API secrets of ${LONG_NAME}`) })).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await checkLayout(page, size, 'subaccount-secrets');

    await visit(page, `/subaccounts/${shared.apiKey}`, shared.name);
    await checkLayout(page, size, 'shared-subaccount');

    await page.goto(`/subaccounts/${primary.apiKey.replace(/./, (c) => (c === 'f' ? 'e' : 'f'))}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await checkLayout(page, size, 'missing-subaccount');

    await page.context().close();
  });
}
