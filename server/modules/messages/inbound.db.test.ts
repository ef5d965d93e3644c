import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECOND } from '../../platform/clock.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { webhookReceiver } from '../../testing/webhook-receiver.js';
import { basic, setBalance, smsAccount, type SmsAccount } from '../sms/sms-test-helpers.js';

describe('inbound SMS: the development simulator, the webhook and the messages search', () => {
  let t: TestApp;
  let account: SmsAccount;
  let number: string;
  const auth = () => ({ authorization: basic(account.apiKey, account.apiSecret), 'content-type': 'application/x-www-form-urlencoded' });

  beforeAll(async () => {
    t = await createTestApp();
    account = await smsAccount(t, { demo: false });
    await setBalance(t, account.apiKey, 50_000_000);
    const available = await t.ctx.db
      .selectFrom('numbers')
      .select('msisdn')
      .where('country', '=', 'GB')
      .where('sms', '=', 1)
      .where('owner_api_key', 'is', null)
      .where('requires_local_address', '=', 0)
      .orderBy('msisdn')
      .executeTakeFirstOrThrow();
    number = available.msisdn;
    const bought = await t.app.inject({ method: 'POST', url: '/number/buy', headers: auth(), payload: new URLSearchParams({ country: 'GB', msisdn: number }).toString() });
    expect(bought.statusCode, bought.body).toBe(200);
  });
  afterAll(() => t.close());

  const simulate = (payload: Record<string, string>) => t.app.inject({ method: 'POST', url: '/dev/inbound-sms', payload });

  it("delivers to the number's moHttpUrl in the Vonage inbound format, retrying while it fails, and lists the message", async () => {
    const receiver = await webhookReceiver([502, 200]);
    try {
      const updated = await t.app.inject({ method: 'POST', url: '/number/update', headers: auth(), payload: new URLSearchParams({ country: 'GB', msisdn: number, moHttpUrl: receiver.url('/inbound') }).toString() });
      expect(updated.statusCode, updated.body).toBe(200);

      const response = await simulate({ from: '+447700900001', to: number, text: 'stop sending me offers' });
      expect(response.statusCode, response.body).toBe(201);
      const { message_id: id, webhook_url } = response.json();
      expect(webhook_url).toBe(receiver.url('/inbound'));
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(1);
      t.clock.advance(10 * SECOND);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(2);
      t.clock.advance(60 * SECOND);
      await t.jobs.runDue();
      expect(receiver.received).toHaveLength(2);

      expect(receiver.received[1]).toMatchObject({ method: 'POST', path: '/inbound' });
      expect(receiver.received[1].body).toEqual({
        msisdn: '447700900001',
        to: number,
        messageId: id,
        text: 'stop sending me offers',
        type: 'text',
        keyword: 'STOP',
        'message-timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        'api-key': account.apiKey,
      });

      const list = (await account.browser.get('/api/messages?direction=inbound')).json().messages;
      expect(list).toEqual([expect.objectContaining({ id, direction: 'inbound', from: '447700900001', to: number, status: 'received', text: 'stop sending me offers', price: 0 })]);
      expect((await account.browser.get('/api/messages?direction=outbound')).json().messages).toEqual([]);
      const detail = (await account.browser.get(`/api/messages/${id}`)).json();
      expect(detail.lifecycle).toEqual([{ status: 'received', at: detail.created_at }]);
      expect(detail.webhooks).toEqual([
        expect.objectContaining({
          kind: 'inbound-sms',
          status: 'delivered',
          attempts: [expect.objectContaining({ attempt: 1, status_code: 502 }), expect.objectContaining({ attempt: 2, status_code: 200, response_excerpt: 'thanks' })],
        }),
      ]);
      // Once delivered, the webhook's copy of the text is gone.
      expect(await t.ctx.db.selectFrom('webhook_deliveries').select('payload').where('message_id', '=', id).executeTakeFirstOrThrow()).toEqual({ payload: null });
    } finally {
      await receiver.close();
    }
  });

  it("falls back to the account's moCallBackUrl, and records without delivering when there is neither", async () => {
    await t.ctx.db.updateTable('numbers').set({ mo_http_url: null }).where('msisdn', '=', number).execute();
    const none = await simulate({ from: '447700900002', to: number, text: 'anyone there?' });
    expect(none.json()).toMatchObject({ webhook_url: null });

    const receiver = await webhookReceiver([200]);
    try {
      await t.ctx.db.updateTable('accounts').set({ mo_callback_url: receiver.url('/account-inbound') }).where('api_key', '=', account.apiKey).execute();
      await simulate({ from: '447700900003', to: number, text: 'Привет' });
      await t.jobs.runDue();
      expect(receiver.received.map((r) => [r.path, r.body.type, r.body.text])).toEqual([['/account-inbound', 'unicode', 'Привет']]);
      expect((await account.browser.get('/api/messages?direction=inbound')).json().messages).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a number nobody rents and a malformed sender', async () => {
    expect((await simulate({ from: '447700900001', to: '447700900999', text: 'hi' })).statusCode).toBe(404);
    expect((await simulate({ from: 'nobody', to: number, text: 'hi' })).statusCode).toBe(422);
  });
});
