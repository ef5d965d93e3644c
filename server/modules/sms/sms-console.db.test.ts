import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { basic, createSubaccount, setBalance, smsAccount, ukMobile, verifiedTestNumber } from './sms-test-helpers.js';

describe('SMS in the console: prices, test send, latest messages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists the price table from the database, euros per part', async () => {
    const { browser } = await smsAccount(t);
    const response = await browser.get('/api/sms/prices');
    expect(response.statusCode).toBe(200);
    const { prices } = response.json() as { prices: { country: string; price: number; dialing_prefix: string }[] };
    expect(prices.map((p) => p.country).sort()).toEqual(['AU', 'BR', 'CA', 'DE', 'ES', 'FR', 'GB', 'IE', 'IN', 'IT', 'NL', 'US']);
    expect(prices.find((p) => p.country === 'GB')).toEqual({ country: 'GB', country_name: 'United Kingdom', dialing_prefix: '44', price: 0.041 });

    await t.ctx.db.updateTable('sms_prices').set({ price_micros: 45_000 }).where('country', '=', 'IE').execute();
    const changed = (await browser.get('/api/sms/prices')).json().prices.find((p: { country: string }) => p.country === 'IE');
    expect(changed.price).toBe(0.045);
    await t.ctx.db.updateTable('sms_prices').set({ price_micros: 62_800 }).where('country', '=', 'IE').execute();

    expect((await new Browser(t.app).get('/api/sms/prices')).statusCode).toBe(401);
  });

  it('sends a test SMS through the same rules: DEMO refusal, then a verified test number, charged', async () => {
    const { browser, apiKey } = await smsAccount(t);
    const stranger = ukMobile();
    const refused = await browser.post('/api/sms/test', { to: `+${stranger}`, text: 'Hi there' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toEqual({
      status: 29,
      error_text: 'Non White-listed Destination - rejected',
      to: stranger,
      message_id: null,
      parts: 0,
      encoding: null,
      price: 0,
      remaining_balance: null,
      demo: true,
    });

    const mine = await verifiedTestNumber(t, browser);
    const sent = await browser.post('/api/sms/test', { to: `+44 ${mine.slice(2)}`, text: 'Hi there' });
    expect(sent.json()).toMatchObject({ status: 0, error_text: null, to: mine, parts: 1, encoding: 'text', price: 0.041, remaining_balance: 1.959, demo: true });
    expect(sent.json().message_id).toMatch(/^[0-9A-F]{16}$/);
    const [delivered] = await t.ctx.outbox.list({ recipient: `+${mine}`, limit: 1 });
    expect(delivered.body).toBe('Hi there [DEMO]');

    await setBalance(t, apiKey, 0);
    const broke = await browser.post('/api/sms/test', { to: mine, text: 'Hi there' });
    expect(broke.json()).toMatchObject({ status: 9, error_text: 'Quota Exceeded - rejected', remaining_balance: 0, price: 0 });
  });

  it('validates the console request as a problem (422)', async () => {
    const { browser } = await smsAccount(t);
    const response = await browser.post('/api/sms/test', { to: '', text: '' });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().invalid_parameters.map((p: { name: string }) => p.name).sort()).toEqual(['text', 'to']);
  });

  it("lists the family's latest messages, newest first, with a limit", async () => {
    const primary = await smsAccount(t, { demo: false });
    const sub = await createSubaccount(t, primary.apiKey, { shared: true });
    const senders = [
      { apiKey: primary.apiKey, apiSecret: primary.apiSecret },
      { apiKey: sub.apiKey, apiSecret: sub.apiSecret },
    ];
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1000);
      const sender = senders[i % 2];
      const response = await t.app.inject({
        method: 'POST',
        url: '/sms/json',
        payload: { to: '4915123456789', from: 'AcmeInc', text: `message ${i}`, 'client-ref': `ref-${i}` },
        headers: { authorization: basic(sender.apiKey, sender.apiSecret) },
      });
      expect(response.json().messages[0].status).toBe('0');
    }
    const other = await smsAccount(t, { demo: false });
    await other.browser.post('/api/sms/test', { to: '4915123456789', text: 'not in the family' });

    const list = await primary.browser.get('/api/messages?limit=3');
    expect(list.statusCode).toBe(200);
    const { messages } = list.json();
    expect(messages.map((m: { text: string }) => m.text)).toEqual(['message 3', 'message 2', 'message 1']);
    expect(messages[0]).toMatchObject({
      api_key: sub.apiKey,
      from: 'AcmeInc',
      to: '4915123456789',
      encoding: 'text',
      parts: 1,
      price: 0.0852,
      country: 'DE',
      client_ref: 'ref-3',
      status: 'submitted',
    });
    expect((await primary.browser.get('/api/messages')).json().messages).toHaveLength(4);
    expect((await primary.browser.get('/api/messages?limit=0')).statusCode).toBe(422);
  });
});
