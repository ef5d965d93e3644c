import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, SECOND } from '../../platform/clock.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { webhookReceiver } from '../../testing/webhook-receiver.js';
import { basic, smsAccount, smsBody, ukMobile, type SmsAccount } from '../sms/sms-test-helpers.js';

describe('messages: records and delivery receipts', () => {
  let t: TestApp;
  let account: SmsAccount;
  beforeAll(async () => {
    t = await createTestApp();
    account = await smsAccount(t, { demo: false });
  });
  afterAll(() => t.close());

  const send = (payload: Record<string, unknown>, who: { apiKey: string; apiSecret: string } = account) =>
    t.app.inject({ method: 'POST', url: '/sms/json', payload: { from: 'AcmeInc', text: 'Hello', ...payload }, headers: { authorization: basic(who.apiKey, who.apiSecret) } });
  const sent = async (payload: Record<string, unknown>, who?: { apiKey: string; apiSecret: string }) => {
    const message = smsBody(await send(payload, who)).messages[0];
    expect(message.status).toBe('0');
    return message['message-id'] as string;
  };
  const stored = (id: string) => t.ctx.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const detail = async (id: string) => {
    const response = await account.browser.get(`/api/messages/${id}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('records every message with its account, key, destination country and network, parts, price and references', async () => {
    const to = ukMobile();
    const id = await sent({ to, 'client-ref': 'order-1', 'account-ref': 'customer-9' });
    expect(await stored(id)).toMatchObject({
      primary_api_key: account.apiKey,
      api_key: account.apiKey,
      direction: 'outbound',
      sender: 'AcmeInc',
      recipient: to,
      text: 'Hello',
      parts: 1,
      price_micros: 41_000,
      country: 'GB',
      network: '23410',
      client_ref: 'order-1',
      account_ref: 'customer-9',
      status: 'submitted',
    });
  });

  it('records rejected messages with the status and error-text the API answered', async () => {
    await t.ctx.db.updateTable('accounts').set({ suspended: 1 }).where('api_key', '=', account.apiKey).execute();
    // A suspended key is refused before the route: nothing to attribute the message to but the request log.
    await send({ to: ukMobile(), 'client-ref': 'barred' });
    await t.ctx.db.updateTable('accounts').set({ suspended: 0 }).where('api_key', '=', account.apiKey).execute();

    await send({ to: '819012345678', 'client-ref': 'unroutable' });
    await send({ to: ukMobile(), text: '', 'client-ref': 'no-text' });
    await send({ to: ukMobile(), text: 'x'.repeat(5_000), 'client-ref': 'too-long' });
    const rejected = await t.ctx.db
      .selectFrom('messages')
      .select(['client_ref', 'status', 'error_code', 'error_text', 'price_micros'])
      .where('api_key', '=', account.apiKey)
      .where('status', '=', 'rejected')
      .orderBy('client_ref')
      .execute();
    expect(rejected).toEqual([
      { client_ref: 'no-text', status: 'rejected', error_code: '2', error_text: 'Missing text param', price_micros: 0 },
      { client_ref: 'too-long', status: 'rejected', error_code: '12', error_text: 'Message too long', price_micros: 0 },
      { client_ref: 'unroutable', status: 'rejected', error_code: '6', error_text: 'Unroutable message - rejected', price_micros: 0 },
    ]);
    const [tooLong] = (await account.browser.get('/api/messages?client_ref=too-long')).json().messages;
    expect(tooLong.text).toHaveLength(160);
    expect((await detail(tooLong.id)).lifecycle).toEqual([{ status: 'rejected', at: tooLong.created_at }]);
  });

  it('advances each message as the carrier reports: delivered, failed, rejected, and expired when its time to live runs out', async () => {
    const delivered = await sent({ to: ukMobile() });
    const failed = await sent({ to: '447700900100' });
    const rejected = await sent({ to: '447700900300' });
    const expired = await sent({ to: '447700900200', ttl: 600_000 });
    const statuses = async () => Promise.all([delivered, failed, rejected, expired].map(async (id) => (await stored(id)).status));

    expect(await statuses()).toEqual(['submitted', 'submitted', 'submitted', 'submitted']);
    await t.jobs.runDue();
    expect(await statuses()).toEqual(['submitted', 'submitted', 'submitted', 'submitted']);
    t.clock.advance(5 * SECOND);
    await t.jobs.runDue();
    expect(await statuses()).toEqual(['delivered', 'failed', 'rejected', 'submitted']);
    expect(await stored(failed)).toMatchObject({ error_code: '3', error_text: 'Absent Subscriber - Permanent' });
    t.clock.advance(10 * 60 * SECOND);
    await t.jobs.runDue();
    expect(await statuses()).toEqual(['delivered', 'failed', 'rejected', 'expired']);

    const view = await detail(delivered);
    expect(view.lifecycle.map((step: { status: string }) => step.status)).toEqual(['submitted', 'delivered']);
    expect(view).toMatchObject({ status: 'delivered', price: 0.041, error_code: '0', webhooks: [] });
  });

  it('sends receipts to a webhook that fails twice, retrying with back-off: three attempts recorded, one receipt accepted', async () => {
    const receiver = await webhookReceiver([500, 503, 200]);
    try {
      const to = ukMobile();
      const id = await sent({ to, callback: receiver.url('/dlr'), 'client-ref': 'with-receipt' });
      t.clock.advance(5 * SECOND);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(1);
      t.clock.advance(10 * SECOND);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(2);
      // Not before its back-off (20 s after the second attempt).
      t.clock.advance(10 * SECOND);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(2);
      t.clock.advance(10 * SECOND);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(3);
      t.clock.advance(HOUR);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(3);

      const receipt = receiver.received[2];
      expect(receipt).toMatchObject({ method: 'POST', path: '/dlr', contentType: 'application/json' });
      expect(receipt.body).toEqual({
        msisdn: to,
        to: 'AcmeInc',
        'network-code': '23410',
        messageId: id,
        price: '0.04100000',
        status: 'delivered',
        scts: expect.stringMatching(/^\d{10}$/),
        'err-code': '0',
        'api-key': account.apiKey,
        'message-timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        'client-ref': 'with-receipt',
      });
      expect(receiver.received[0].body).toEqual(receipt.body);

      const [webhook] = (await detail(id)).webhooks;
      expect(webhook).toMatchObject({ kind: 'delivery-receipt', url: receiver.url('/dlr'), status: 'delivered' });
      expect(webhook.attempts.map((a: { status_code: number; response_excerpt: string }) => [a.status_code, a.response_excerpt])).toEqual([
        [500, 'busy (500)'],
        [503, 'busy (503)'],
        [200, 'thanks'],
      ]);
      expect(webhook.attempts.every((a: { latency_ms: number }) => a.latency_ms >= 0)).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it("sends receipts to the account's drCallBackUrl unless status-report-req is false, one per part", async () => {
    const receiver = await webhookReceiver([200]);
    try {
      await t.ctx.db.updateTable('accounts').set({ dr_callback_url: receiver.url('/account-dlr') }).where('api_key', '=', account.apiKey).execute();
      const twoParts = await sent({ to: ukMobile(), text: 'y'.repeat(200) });
      await sent({ to: ukMobile(), 'status-report-req': 'false' });
      await sent({ to: ukMobile(), 'status-report-req': false });
      t.clock.advance(5 * SECOND);
      await t.jobs.runDue();
      expect(receiver.received.map((r) => [r.path, r.body.messageId, r.body.price])).toEqual([
        ['/account-dlr', twoParts, '0.04100000'],
        ['/account-dlr', `${twoParts.slice(0, 14)}02`, '0.04100000'],
      ]);
    } finally {
      await t.ctx.db.updateTable('accounts').set({ dr_callback_url: null }).where('api_key', '=', account.apiKey).execute();
      await receiver.close();
    }
  });

  it('stores no text at all when the account says so, and the first 160 characters otherwise', async () => {
    const owner = account.browser;
    expect((await owner.get('/api/messages/settings')).json()).toEqual({ store_message_text: true });
    expect((await owner.request({ method: 'PUT', url: '/api/messages/settings', payload: { store_message_text: false } })).statusCode).toBe(200);
    const secretText = 'Your code is 123456 and nothing else';
    const quiet = await sent({ to: ukMobile(), text: secretText });
    await send({ to: '819012345678', text: secretText });
    await send({ to: ukMobile(), text: secretText, type: 'binary' });
    const rows = await t.ctx.db.selectFrom('messages').select(['text']).where('api_key', '=', account.apiKey).where('created_at', '=', t.clock.now().toISOString()).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.text === null)).toBe(true);
    expect((await detail(quiet)).text).toBeNull();
    const entries = (await owner.get('/api/activity?kind=settings.updated')).json().entries;
    expect(entries[0].changes).toEqual([{ field: 'store_message_text', before: true, after: false }]);

    await owner.request({ method: 'PUT', url: '/api/messages/settings', payload: { store_message_text: true } });
    expect((await stored(await sent({ to: ukMobile(), text: secretText }))).text).toBe(secretText);
  });

  it('gives a webhook up after a day of failures', async () => {
    const receiver = await webhookReceiver([500]);
    try {
      const id = await sent({ to: ukMobile(), callback: receiver.url() });
      for (let hour = 0; hour <= 26; hour++) {
        t.clock.advance(3_600 * SECOND);
        await t.jobs.runDue();
      }
      // (The console session has expired by now: the records are read directly.)
      const webhook = await t.ctx.db.selectFrom('webhook_deliveries').select(['id', 'status', 'attempts', 'payload']).where('message_id', '=', id).executeTakeFirstOrThrow();
      expect(webhook).toMatchObject({ status: 'failed', payload: null });
      expect(receiver.received).toHaveLength(webhook.attempts);
      t.clock.advance(DAY);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(webhook.attempts);
      const attempts = await t.ctx.db.selectFrom('webhook_attempts').select('status_code').where('delivery_id', '=', webhook.id).execute();
      expect(attempts).toHaveLength(webhook.attempts);

      // After 30 days the purge removes the webhook and its attempts.
      t.clock.advance(30 * DAY);
      await t.jobs.runDue();
      expect(await t.ctx.db.selectFrom('webhook_deliveries').select('id').where('id', '=', webhook.id).execute()).toEqual([]);
      expect(await t.ctx.db.selectFrom('webhook_attempts').select('attempt').where('delivery_id', '=', webhook.id).execute()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
