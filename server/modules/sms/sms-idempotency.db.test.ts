import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { balanceOf, basic, smsAccount, smsBody, ukMobile } from './sms-test-helpers.js';

describe('SMS with an Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends and charges once for concurrent retries with one key, answering each the same', async () => {
    const { apiKey, apiSecret } = await smsAccount(t, { demo: false });
    const to = ukMobile();
    const send = (key: string, text = 'Your order has shipped') =>
      t.app.inject({
        method: 'POST',
        url: '/sms/json',
        payload: { to, from: 'AcmeInc', text },
        headers: { authorization: basic(apiKey, apiSecret), 'idempotency-key': key },
      });
    const responses = await Promise.all([send('order-42'), send('order-42'), send('order-42')]);
    const bodies = responses.map((r) => smsBody(r));
    expect(bodies.every((b) => b.messages[0].status === '0')).toBe(true);
    expect(new Set(bodies.map((b) => b.messages[0]['message-id'])).size).toBe(1);
    expect(await balanceOf(t, apiKey)).toBe(2_000_000 - 41_000);
    expect(await t.ctx.outbox.list({ recipient: `+${to}` })).toHaveLength(1);

    const other = await send('order-42', 'Another text');
    expect(other.statusCode).toBe(422);
    expect(other.json().invalid_parameters[0].name).toBe('Idempotency-Key');
    expect(await balanceOf(t, apiKey)).toBe(2_000_000 - 41_000);

    expect(smsBody(await send('order-43')).messages[0].status).toBe('0');
    expect(await balanceOf(t, apiKey)).toBe(2_000_000 - 82_000);
  });
});
