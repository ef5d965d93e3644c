import { SMS } from '@vonage/sms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import {
  balanceOf,
  basic,
  createSubaccount,
  ledgerSum,
  setBalance,
  smsAccount,
  smsBody,
  ukMobile,
  verifiedTestNumber,
  type SmsAccount,
} from './sms-test-helpers.js';

const GB_PART = 41_000; // seeded price of one message part to GB, micro-euros

describe('SMS API: POST /sms/json', () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
  });
  afterAll(() => t.close());

  const sdk = (account: { apiKey: string; apiSecret: string }) => new SMS({ apiKey: account.apiKey, apiSecret: account.apiSecret }, { restHost: origin });

  const postJson = (payload: Record<string, unknown>, headers: Record<string, string> = {}, remoteAddress?: string) =>
    t.app.inject({ method: 'POST', url: '/sms/json', payload, headers, ...(remoteAddress ? { remoteAddress } : {}) });
  const postForm = (fields: Record<string, string>, url = '/sms/json') =>
    t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  async function outboxFor(msisdn: string) {
    return t.ctx.outbox.list({ recipient: `+${msisdn}` });
  }

  describe('with the official SDK (@vonage/sms) over a real port', () => {
    let paying: SmsAccount;
    beforeAll(async () => {
      paying = await smsAccount(t, { demo: false });
    });

    it('sends, charges the destination price and reports price and remaining balance as 8-decimal strings', async () => {
      const to = ukMobile();
      const response = await sdk(paying).send({ to, from: 'AcmeInc', text: 'Hello from the SDK', clientRef: 'order-42' });
      expect(response.messageCount).toBe('1');
      expect(response.messages).toHaveLength(1);
      const [message] = response.messages;
      expect(message).toMatchObject({
        to,
        status: '0',
        messagePrice: '0.04100000',
        remainingBalance: '1.95900000',
        clientRef: 'order-42',
      });
      expect(message.messageId).toMatch(/^[0-9A-F]{16}$/);

      expect(await balanceOf(t, paying.apiKey)).toBe(2_000_000 - GB_PART);
      expect(await ledgerSum(t, paying.apiKey)).toBe(2_000_000 - GB_PART);
      const ledger = await t.ctx.db.selectFrom('ledger_entries').selectAll().where('api_key', '=', paying.apiKey).where('kind', '=', 'usage').execute();
      expect(ledger).toEqual([
        expect.objectContaining({ amount_micros: -GB_PART, reference: `sms:${message.messageId}`, actor: `api_key:${paying.apiKey}` }),
      ]);

      const stored = await t.ctx.db.selectFrom('messages').selectAll().where('id', '=', message.messageId as string).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        primary_api_key: paying.apiKey,
        api_key: paying.apiKey,
        sender: 'AcmeInc',
        recipient: to,
        text: 'Hello from the SDK',
        encoding: 'text',
        parts: 1,
        price_micros: GB_PART,
        country: 'GB',
        client_ref: 'order-42',
        status: 'submitted',
        network: '23410',
      });
      const delivered = await outboxFor(to);
      expect(delivered).toEqual([expect.objectContaining({ channel: 'sms', body: 'Hello from the SDK' })]);
    });

    it('throws when the message is refused, with the status in the response', async () => {
      const wrong = sdk({ apiKey: paying.apiKey, apiSecret: 'Wrong-secret-1' });
      const error = await wrong.send({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const failed = (error as { getFailedMessages(): { status: string; errorText: string }[] }).getFailedMessages();
      expect(failed).toEqual([expect.objectContaining({ status: '4', errorText: 'Bad Credentials' })]);
    });

    it('splits a long text into parts: one entry and one price per part, one ledger debit', async () => {
      const account = await smsAccount(t, { demo: false });
      const to = ukMobile();
      const text = 'x'.repeat(200); // 2 parts of at most 153 septets
      const response = await sdk(account).send({ to, from: 'AcmeInc', text });
      expect(response.messageCount).toBe('2');
      expect(response.messages.map((m) => [m.status, m.messagePrice, m.remainingBalance])).toEqual([
        ['0', '0.04100000', '1.95900000'],
        ['0', '0.04100000', '1.91800000'],
      ]);
      const [first, second] = response.messages.map((m) => m.messageId as string);
      expect(first.slice(0, 14)).toBe(second.slice(0, 14));
      expect(first).not.toBe(second);

      const usage = await t.ctx.db.selectFrom('ledger_entries').selectAll().where('api_key', '=', account.apiKey).where('kind', '=', 'usage').execute();
      expect(usage.map((entry) => entry.amount_micros)).toEqual([-2 * GB_PART]);
      const stored = await t.ctx.db.selectFrom('messages').selectAll().where('id', '=', first).executeTakeFirstOrThrow();
      // Only the first 160 characters of the text are kept.
      expect(stored).toMatchObject({ parts: 2, price_micros: 2 * GB_PART, text: text.slice(0, 160), encoding: 'text' });
      expect(await outboxFor(to)).toEqual([expect.objectContaining({ body: text })]);
    });

    it('sends unicode when a character is outside GSM-7 (70/67 per part), or when type=unicode', async () => {
      const account = await smsAccount(t, { demo: false });
      const cyrillic = await sdk(account).send({ to: ukMobile(), from: 'AcmeInc', text: 'ж'.repeat(71) });
      expect(cyrillic.messageCount).toBe('2');
      const asked = await sdk(account).send({ to: ukMobile(), from: 'AcmeInc', text: 'a'.repeat(71), type: 'unicode' as never });
      expect(asked.messageCount).toBe('2');
      const gsm = await sdk(account).send({ to: ukMobile(), from: 'AcmeInc', text: '€'.repeat(80) });
      expect(gsm.messageCount).toBe('1');
      const rows = await t.ctx.db.selectFrom('messages').select(['encoding', 'parts']).where('api_key', '=', account.apiKey).orderBy('created_at').execute();
      expect(rows.map((r) => r.encoding).sort()).toEqual(['text', 'unicode', 'unicode']);
      expect(await balanceOf(t, account.apiKey)).toBe(2_000_000 - 5 * GB_PART);
    });
  });

  describe('credentials in every style', () => {
    let account: SmsAccount;
    beforeAll(async () => {
      account = await smsAccount(t, { demo: false });
    });

    it('accepts the Basic header', async () => {
      const body = smsBody(await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'basic' }, { authorization: basic(account.apiKey, account.apiSecret) }));
      expect(body.messages[0].status).toBe('0');
    });

    it('accepts api_key and api_secret in the query string', async () => {
      const query = new URLSearchParams({ api_key: account.apiKey, api_secret: account.apiSecret });
      const body = smsBody(await postForm({ to: ukMobile(), from: 'AcmeInc', text: 'query' }, `/sms/json?${query}`));
      expect(body.messages[0].status).toBe('0');
    });

    it('accepts them in a form body (the spec) and in a JSON body (older SDKs)', async () => {
      const form = smsBody(await postForm({ api_key: account.apiKey, api_secret: account.apiSecret, to: ukMobile(), from: 'AcmeInc', text: 'form' }));
      expect(form.messages[0].status).toBe('0');
      const json = smsBody(await postJson({ api_key: account.apiKey, api_secret: account.apiSecret, to: ukMobile(), from: 'AcmeInc', text: 'json' }));
      expect(json.messages[0].status).toBe('0');
    });

    it('takes every parameter from the query string when there is no body', async () => {
      const to = ukMobile();
      const query = new URLSearchParams({ api_key: account.apiKey, api_secret: account.apiSecret, to, from: 'AcmeInc', text: 'all in the query' });
      const response = await t.app.inject({ method: 'POST', url: `/sms/json?${query}` });
      expect(smsBody(response).messages[0]).toMatchObject({ status: '0', to });
    });

    it('accepts the console session (cookie and CSRF header)', async () => {
      const response = await account.browser.post('/sms/json', { to: ukMobile(), from: 'AcmeInc', text: 'from the console' });
      expect(smsBody(response).messages[0].status).toBe('0');
      const usage = await t.ctx.db.selectFrom('ledger_entries').select('actor').where('api_key', '=', account.apiKey).where('kind', '=', 'usage').execute();
      expect(usage.some((entry) => entry.actor.startsWith('user:'))).toBe(true);
    });

    it('answers application/json so that the SDKs parse it', async () => {
      const response = await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'ct' }, { authorization: basic(account.apiKey, account.apiSecret) });
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    });
  });

  describe('statuses', () => {
    it('2: missing to, from or text, or a missing api_secret, in form and JSON bodies', async () => {
      const account = await smsAccount(t, { demo: false });
      const auth = { authorization: basic(account.apiKey, account.apiSecret) };
      const cases: [Record<string, string>, string][] = [
        [{ from: 'AcmeInc', text: 'hi' }, 'Missing to param'],
        [{ to: ukMobile(), text: 'hi' }, 'Missing from param'],
        [{ to: ukMobile(), from: 'AcmeInc' }, 'Missing text param'],
        [{ to: '', from: 'AcmeInc', text: 'hi' }, 'Missing to param'],
      ];
      for (const [fields, errorText] of cases) {
        const json = smsBody(await postJson(fields, auth));
        expect(json).toEqual({ 'message-count': '1', messages: [{ status: '2', 'error-text': errorText }] });
        const form = smsBody(await postForm({ ...fields, api_key: account.apiKey, api_secret: account.apiSecret }));
        expect(form.messages[0]).toEqual({ status: '2', 'error-text': errorText });
      }
      const noSecret = smsBody(await postForm({ api_key: account.apiKey, to: ukMobile(), from: 'AcmeInc', text: 'hi' }));
      expect(noSecret.messages[0]).toEqual({ status: '2', 'error-text': 'Missing api_secret' });
      const nothing = smsBody(await postForm({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }));
      expect(nothing.messages[0]).toEqual({ status: '2', 'error-text': 'Missing api_key' });
      expect(await balanceOf(t, account.apiKey)).toBe(2_000_000);
    });

    it('3: an invalid parameter value', async () => {
      const account = await smsAccount(t, { demo: false });
      const auth = { authorization: basic(account.apiKey, account.apiSecret) };
      const notDigits = smsBody(await postJson({ to: '44abc', from: 'AcmeInc', text: 'hi' }, auth));
      expect(notDigits.messages[0]).toEqual({ status: '3', 'error-text': 'Invalid to param' });
      const badType = smsBody(await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'hi', type: 'binary' }, auth));
      expect(badType.messages[0]).toEqual({ status: '3', 'error-text': 'Invalid type param' });
      const badTtl = smsBody(await postForm({ api_key: account.apiKey, api_secret: account.apiSecret, to: ukMobile(), from: 'A', text: 'hi', ttl: '5' }));
      expect(badTtl.messages[0]).toEqual({ status: '3', 'error-text': 'Invalid ttl param' });
    });

    it('4: wrong secret or unknown key, as HTTP 200', async () => {
      const account = await smsAccount(t, { demo: false });
      for (const response of [
        await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }, { authorization: basic(account.apiKey, 'Not-the-secret-9') }),
        await postForm({ api_key: 'ffffffff', api_secret: 'Whatever-secret-1', to: ukMobile(), from: 'AcmeInc', text: 'hi' }),
      ]) {
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ 'message-count': '1', messages: [{ status: '4', 'error-text': 'Bad Credentials' }] });
      }
    });

    it('8: a suspended account is barred', async () => {
      const account = await smsAccount(t, { demo: false });
      await t.ctx.db.updateTable('accounts').set({ suspended: 1 }).where('api_key', '=', account.apiKey).execute();
      const body = smsBody(await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }, { authorization: basic(account.apiKey, account.apiSecret) }));
      expect(body).toEqual({ 'message-count': '1', messages: [{ status: '8', 'error-text': 'Account barred' }] });
      const thrown = await sdk(account).send({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }).catch((e: unknown) => e);
      expect((thrown as { getFailedMessages(): { status: string }[] }).getFailedMessages()[0].status).toBe('8');
      expect(await balanceOf(t, account.apiKey)).toBe(2_000_000);
    });

    it('9: insufficient credit charges nothing, stores nothing, delivers nothing', async () => {
      const account = await smsAccount(t, { demo: false });
      await setBalance(t, account.apiKey, GB_PART - 1);
      const to = ukMobile();
      const body = smsBody(await postJson({ to, from: 'AcmeInc', text: 'hi' }, { authorization: basic(account.apiKey, account.apiSecret) }));
      expect(body).toEqual({
        'message-count': '1',
        messages: [{ to, status: '9', 'error-text': 'Quota Exceeded - rejected', 'remaining-balance': '0.04099900', 'message-price': '0.04100000' }],
      });
      expect(await balanceOf(t, account.apiKey)).toBe(GB_PART - 1);
      expect(await ledgerSum(t, account.apiKey)).toBe(GB_PART - 1);
      // Recorded as rejected, uncharged, after the money transaction rolled back.
      expect(await t.ctx.db.selectFrom('messages').select(['recipient', 'status', 'error_code', 'error_text', 'price_micros']).where('api_key', '=', account.apiKey).execute()).toEqual([
        { recipient: to, status: 'rejected', error_code: '9', error_text: 'Quota Exceeded - rejected', price_micros: 0 },
      ]);
      expect(await outboxFor(to)).toEqual([]);

      // Exactly enough money is enough: the balance may reach the credit limit (0 for prepaid).
      await setBalance(t, account.apiKey, GB_PART);
      const exact = smsBody(await postJson({ to, from: 'AcmeInc', text: 'hi' }, { authorization: basic(account.apiKey, account.apiSecret) }));
      expect(exact.messages[0]).toMatchObject({ status: '0', 'remaining-balance': '0.00000000' });
    });

    it('9: a postpaid account may spend down to its credit limit, and the balance goes negative', async () => {
      const account = await smsAccount(t, { demo: false });
      await setBalance(t, account.apiKey, 0);
      await t.ctx.db.updateTable('accounts').set({ credit_limit_micros: -GB_PART }).where('api_key', '=', account.apiKey).execute();
      const auth = { authorization: basic(account.apiKey, account.apiSecret) };
      const first = smsBody(await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }, auth));
      expect(first.messages[0]).toMatchObject({ status: '0', 'remaining-balance': '-0.04100000' });
      const second = smsBody(await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }, auth));
      expect(second.messages[0]).toMatchObject({ status: '9', 'remaining-balance': '-0.04100000' });
    });

    it('29: in DEMO mode only verified test numbers, and the text gets " [DEMO]"', async () => {
      const demo = await smsAccount(t);
      const auth = { authorization: basic(demo.apiKey, demo.apiSecret) };
      const stranger = ukMobile();
      const refused = smsBody(await postJson({ to: stranger, from: 'AcmeInc', text: 'hi' }, auth));
      expect(refused).toEqual({ 'message-count': '1', messages: [{ to: stranger, status: '29', 'error-text': 'Non White-listed Destination - rejected' }] });
      const thrown = await sdk(demo).send({ to: stranger, from: 'AcmeInc', text: 'hi' }).catch((e: unknown) => e);
      expect((thrown as { getFailedMessages(): { status: string }[] }).getFailedMessages()[0].status).toBe('29');

      // An added but unverified number is still refused.
      const pending = ukMobile();
      expect((await demo.browser.post('/api/test-numbers', { number: `+${pending}`, country: 'GB' })).statusCode).toBe(201);
      expect(smsBody(await postJson({ to: pending, from: 'AcmeInc', text: 'hi' }, auth)).messages[0].status).toBe('29');

      const mine = await verifiedTestNumber(t, demo.browser);
      const sent = await sdk(demo).send({ to: mine, from: 'AcmeInc', text: 'Hello' });
      expect(sent.messages[0]).toMatchObject({ status: '0', messagePrice: '0.04100000', remainingBalance: '1.95900000' });
      const [delivered] = await t.ctx.outbox.list({ recipient: `+${mine}`, limit: 1 });
      expect(delivered.body).toBe('Hello [DEMO]');
      const stored = await t.ctx.db.selectFrom('messages').select(['text']).where('api_key', '=', demo.apiKey).where('status', '=', 'submitted').executeTakeFirstOrThrow();
      expect(stored.text).toBe('Hello [DEMO]');

      // The suffix counts towards the parts: 153 chars fit one part, plus " [DEMO]" they need two.
      const long = await sdk(demo).send({ to: mine, from: 'AcmeInc', text: 'y'.repeat(155) });
      expect(long.messageCount).toBe('2');
    });

    it('6: a destination we do not price is unroutable; 12: a text over 30 parts is too long', async () => {
      const account = await smsAccount(t, { demo: false });
      const auth = { authorization: basic(account.apiKey, account.apiSecret) };
      const japan = smsBody(await postJson({ to: '819012345678', from: 'AcmeInc', text: 'hi' }, auth));
      expect(japan.messages[0]).toEqual({ to: '819012345678', status: '6', 'error-text': 'Unroutable message - rejected' });
      const nowhere = smsBody(await postJson({ to: '99912345678', from: 'AcmeInc', text: 'hi' }, auth));
      expect(nowhere.messages[0]).toMatchObject({ status: '6' });
      const tooLong = smsBody(await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'z'.repeat(153 * 30 + 1) }, auth));
      expect(tooLong.messages[0]).toMatchObject({ status: '12', 'error-text': 'Message too long' });
      expect(await balanceOf(t, account.apiKey)).toBe(2_000_000);
    });

    it('prices by destination country from the table', async () => {
      const account = await smsAccount(t, { demo: false });
      const auth = { authorization: basic(account.apiKey, account.apiSecret) };
      const expectations: [string, string][] = [
        ['14155550100', '0.00770000'], // US
        ['16135550123', '0.00790000'], // CA
        ['4915123456789', '0.08520000'], // DE
        ['5511912345678', '0.03330000'], // BR
        ['447700900000', '0.04100000'], // GB drama range: possible, not valid
      ];
      for (const [to, price] of expectations) {
        const body = smsBody(await postJson({ to, from: 'AcmeInc', text: 'hi' }, auth));
        expect(body.messages[0]).toMatchObject({ status: '0', 'message-price': price });
      }
      const countries = await t.ctx.db.selectFrom('messages').select('country').where('api_key', '=', account.apiKey).execute();
      expect(countries.map((c) => c.country).sort()).toEqual(['BR', 'CA', 'DE', 'GB', 'US']);
    });

    it('1: too many failed authentications from one address are throttled', async () => {
      const account = await smsAccount(t, { demo: false });
      const address = '198.51.100.77';
      const wrong = { authorization: basic(account.apiKey, 'Not-the-secret-9') };
      for (let i = 0; i < 20; i++) {
        expect(smsBody(await postJson({ to: ukMobile(), from: 'A', text: 'x' }, wrong, address)).messages[0].status).toBe('4');
      }
      const throttled = await postJson({ to: ukMobile(), from: 'A', text: 'x' }, wrong, address);
      expect(throttled.statusCode).toBe(200);
      expect(throttled.json().messages[0]).toMatchObject({ status: '1', 'error-text': expect.stringMatching(/^Throughput Rate Exceeded - please wait \[ \d+ \] and retry$/) });
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      const owner = { authorization: basic(account.apiKey, account.apiSecret) };
      expect(smsBody(await postJson({ to: ukMobile(), from: 'A', text: 'x' }, owner, address)).messages[0].status).toBe('0');
    });
  });

  describe('subaccounts', () => {
    it('a shared-balance subaccount is charged to its primary; remaining-balance is the primary balance', async () => {
      const primary = await smsAccount(t, { demo: false });
      const sub = await createSubaccount(t, primary.apiKey, { shared: true });
      const response = await sdk(sub).send({ to: ukMobile(), from: 'AcmeInc', text: 'from a subaccount' });
      expect(response.messages[0]).toMatchObject({ status: '0', remainingBalance: '1.95900000' });
      expect(await balanceOf(t, primary.apiKey)).toBe(2_000_000 - GB_PART);
      expect(await balanceOf(t, sub.apiKey)).toBe(0);
      const stored = await t.ctx.db.selectFrom('messages').selectAll().where('api_key', '=', sub.apiKey).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ primary_api_key: primary.apiKey, price_micros: GB_PART });
      const [entry] = await t.ctx.db.selectFrom('ledger_entries').selectAll().where('kind', '=', 'usage').where('primary_api_key', '=', primary.apiKey).execute();
      expect(entry).toMatchObject({ api_key: primary.apiKey, amount_micros: -GB_PART, actor: `api_key:${sub.apiKey}` });
    });

    it('a subaccount with its own balance pays itself', async () => {
      const primary = await smsAccount(t, { demo: false });
      const sub = await createSubaccount(t, primary.apiKey, { shared: false });
      const refused = await sdk(sub).send({ to: ukMobile(), from: 'AcmeInc', text: 'no money' }).catch((e: unknown) => e);
      expect((refused as { getFailedMessages(): { status: string }[] }).getFailedMessages()[0].status).toBe('9');
      await setBalance(t, sub.apiKey, 100_000);
      const sent = await sdk(sub).send({ to: ukMobile(), from: 'AcmeInc', text: 'own money' });
      expect(sent.messages[0]).toMatchObject({ status: '0', remainingBalance: '0.05900000' });
      expect(await balanceOf(t, primary.apiKey)).toBe(2_000_000);
    });

    it('the subaccounts of a DEMO primary may message only the family test numbers; a suspended one is barred', async () => {
      const primary = await smsAccount(t);
      const sub = await createSubaccount(t, primary.apiKey, { shared: true });
      const refused = smsBody(await postJson({ to: ukMobile(), from: 'AcmeInc', text: 'hi' }, { authorization: basic(sub.apiKey, sub.apiSecret) }));
      expect(refused.messages[0].status).toBe('29');
      const family = await verifiedTestNumber(t, primary.browser);
      const sent = smsBody(await postJson({ to: family, from: 'AcmeInc', text: 'hi' }, { authorization: basic(sub.apiKey, sub.apiSecret) }));
      expect(sent.messages[0].status).toBe('0');

      await t.ctx.db.updateTable('accounts').set({ suspended: 1 }).where('api_key', '=', sub.apiKey).execute();
      const barred = smsBody(await postJson({ to: family, from: 'AcmeInc', text: 'hi' }, { authorization: basic(sub.apiKey, sub.apiSecret) }));
      expect(barred.messages[0]).toEqual({ status: '8', 'error-text': 'Account barred' });
    });
  });

  it('documents the endpoint in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/sms/json', '/api/test-numbers', '/api/sms/prices', '/api/messages']));
  });
});
