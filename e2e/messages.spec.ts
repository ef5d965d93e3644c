import { createServer } from 'node:http';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { signUpAndSignIn, ukMobile, type CreatedAccount } from './support/accounts.js';
import { checkLayout, screenSizes } from './support/layout-checks.js';
import { runAdmin } from './support/operator.js';

// Messages: a test SMS sent from the console is found by its client-ref and seen delivered; an inbound
// SMS simulated in development reaches a local webhook and the list.

const basic = (account: CreatedAccount) => ({ authorization: `Basic ${Buffer.from(`${account.apiKey}:${account.apiSecret}`).toString('base64')}` });

/** A webhook endpoint on 127.0.0.1 that answers 200 and keeps the JSON bodies it was posted. */
async function localReceiver() {
  const received: Record<string, string>[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method === 'POST') received.push(JSON.parse(body) as Record<string, string>);
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/inbound`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Rents a UK number with SMS through the public Numbers API. */
async function rentNumber(request: APIRequestContext, account: CreatedAccount): Promise<string> {
  const search = await request.get('/number/search?country=GB&features=SMS&type=mobile-lvn', { headers: basic(account) });
  expect(search.status(), await search.text()).toBe(200);
  const [{ msisdn }] = ((await search.json()) as { numbers: { msisdn: string }[] }).numbers;
  const bought = await request.post('/number/buy', { headers: basic(account), form: { country: 'GB', msisdn } });
  expect(bought.status(), await bought.text()).toBe(200);
  return msisdn;
}

test('a test SMS is found by its client-ref and seen delivered; an inbound SMS reaches the webhook and the list', async ({ page }) => {
  test.setTimeout(120_000);
  const account = await signUpAndSignIn(page);
  runAdmin(['topup', '--account', account.apiKey, '--amount', '20']);
  const clientRef = `e2e-${Date.now() % 1_000_000}`;
  const to = ukMobile('2');

  // Send a test SMS from the Getting started page, with a client-ref.
  await page.goto('/getting-started');
  const step2 = page.getByRole('region', { name: 'Step 2: Send a test SMS' });
  await step2.getByLabel('To').fill(to.e164);
  await step2.getByLabel('Message').fill('Find me on the Messages page');
  await step2.getByLabel('Client ref').fill(clientRef);
  await step2.getByRole('button', { name: 'Send test SMS' }).click();
  await page.getByRole('dialog', { name: 'Send this test SMS?' }).getByRole('button', { name: 'Send SMS' }).click();
  await expect(step2.getByRole('status').filter({ hasText: 'Test SMS sent' })).toBeVisible();

  // Find it by its client-ref on the Messages page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
  await expect(page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
  await page.getByLabel('Client ref').fill(clientRef);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`client_ref=${clientRef}`));
  const rows = page.getByRole('table', { name: 'Messages' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(to.e164.replace('+', ''));

  // The local carrier reports delivery within seconds.
  await expect(async () => {
    await page.reload();
    await expect(rows.nth(1)).toContainText('Delivered', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'messages');
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await rows.nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { name: /^Message [0-9A-F]{16}$/ })).toBeVisible();
  const lifecycle = page.getByRole('list', { name: 'Lifecycle' }).getByRole('listitem');
  await expect(lifecycle).toHaveCount(2);
  await expect(lifecycle.nth(0)).toContainText('Submitted');
  await expect(lifecycle.nth(1)).toContainText('Delivered');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText(clientRef);
  for (const size of screenSizes) {
    await page.setViewportSize(size);
    await checkLayout(page, size, 'message');
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Inbound: a rented number, the account's inbound webhook, a message from a handset.
  const receiver = await localReceiver();
  try {
    const number = await rentNumber(page.request, account);
    const settings = await page.request.post('/account/settings', { headers: basic(account), form: { moCallBackUrl: receiver.url } });
    expect(settings.status(), await settings.text()).toBe(200);
    const simulated = await page.request.post('/dev/inbound-sms', { data: { from: '447700900001', to: number, text: 'Hello number' } });
    expect(simulated.status(), await simulated.text()).toBe(201);
    const { message_id: inboundId } = (await simulated.json()) as { message_id: string };
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    expect(receiver.received[0]).toMatchObject({ msisdn: '447700900001', to: number, messageId: inboundId, text: 'Hello number', keyword: 'HELLO', type: 'text' });

    await page.goto('/messages?direction=inbound');
    const inbound = page.getByRole('table', { name: 'Messages' }).getByRole('row');
    await expect(inbound).toHaveCount(2);
    await expect(inbound.nth(1)).toContainText('Received');
    await expect(inbound.nth(1)).toContainText(number);
    await inbound.nth(1).getByRole('link').click();
    await expect(page.getByRole('region', { name: `Inbound message to ${receiver.url}` })).toContainText('Delivered');
  } finally {
    await receiver.close();
  }
});
