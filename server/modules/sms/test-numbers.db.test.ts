import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPin } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { smsAccount, ukMobile } from './sms-test-helpers.js';

describe('test numbers (console): add, PIN by SMS, verify, resend, remove', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function add(browser: Browser, msisdn = ukMobile()) {
    const response = await browser.post('/api/test-numbers', { number: `0${msisdn.slice(2)}`, country: 'GB' });
    return { response, msisdn, id: (response.json() as { id: string }).id };
  }
  const wrongPin = (pin: string) => (pin === '1111' ? '2222' : '1111');

  it('normalises the number to E.164, sends a 4-digit PIN by SMS and stores it hashed', async () => {
    const { browser, apiKey } = await smsAccount(t);
    const { response, msisdn, id } = await add(browser);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      number: `+${msisdn}`,
      country: 'GB',
      verified: false,
      verified_at: null,
      attempts_left: 3,
      pin_expires_at: new Date(t.clock.now().getTime() + 5 * 60_000).toISOString(),
    });
    const [sms] = await t.ctx.outbox.list({ recipient: `+${msisdn}` });
    expect(sms).toMatchObject({ channel: 'sms' });
    expect(sms.body).toMatch(/PIN is \d{4}\./);
    const row = await t.ctx.db.selectFrom('test_numbers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ api_key: apiKey, primary_api_key: apiKey, msisdn });
    expect(row.pin_hash).toMatch(/^\$argon2id\$/);
    expect(row.pin_hash).not.toContain(await latestPin(t.ctx, `+${msisdn}`));

    const list = await browser.get('/api/test-numbers');
    expect(list.json()).toMatchObject({ max: 10, test_numbers: [{ id, number: `+${msisdn}`, verified: false }] });
  });

  it('verifies with the right PIN; the PIN cannot be used twice', async () => {
    const { browser } = await smsAccount(t);
    const { msisdn, id } = await add(browser);
    const pin = await latestPin(t.ctx, `+${msisdn}`);
    const verified = await browser.post(`/api/test-numbers/${id}/verify`, { pin });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ verified: true, verified_at: t.clock.now().toISOString(), pin_expires_at: null, resend_available_at: null });
    const again = await browser.post(`/api/test-numbers/${id}/verify`, { pin });
    expect(again.statusCode).toBe(409);
    expect((await browser.post(`/api/test-numbers/${id}/resend`)).statusCode).toBe(409);
  });

  it('voids the PIN after 3 wrong attempts, even for the right one; a resent PIN works', async () => {
    const { browser } = await smsAccount(t);
    const { msisdn, id } = await add(browser);
    const pin = await latestPin(t.ctx, `+${msisdn}`);
    const lefts = [];
    for (let i = 0; i < 3; i++) {
      const response = await browser.post(`/api/test-numbers/${id}/verify`, { pin: wrongPin(pin) });
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      lefts.push(response.json().attempts_left);
    }
    expect(lefts).toEqual([2, 1, 0]);
    const right = await browser.post(`/api/test-numbers/${id}/verify`, { pin });
    expect(right.statusCode).toBe(422);
    expect(right.json()).toMatchObject({ invalid_parameters: [{ name: 'pin' }] });

    const early = await browser.post(`/api/test-numbers/${id}/resend`);
    expect(early.statusCode).toBe(429);
    t.clock.advance(30_000);
    const resent = await browser.post(`/api/test-numbers/${id}/resend`);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ attempts_left: 3, verified: false });
    const fresh = await latestPin(t.ctx, `+${msisdn}`);
    expect((await browser.post(`/api/test-numbers/${id}/verify`, { pin: fresh })).json()).toMatchObject({ verified: true });
  });

  it('counts parallel guesses atomically: at most 3 are ever checked', async () => {
    const { browser } = await smsAccount(t);
    const { msisdn, id } = await add(browser);
    const pin = await latestPin(t.ctx, `+${msisdn}`);
    const guesses = Array.from({ length: 10 }, (_, i) => String((Number(pin) + 1 + i) % 10_000).padStart(4, '0'));
    const responses = await Promise.all(guesses.map((guess) => browser.post(`/api/test-numbers/${id}/verify`, { pin: guess })));
    expect(responses.every((response) => response.statusCode === 422)).toBe(true);
    const row = await t.ctx.db.selectFrom('test_numbers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(3);
    expect(row.pin_hash).toBeNull();
    expect(row.verified_at).toBeNull();
  });

  it('refuses a PIN after its 5 minutes', async () => {
    const { browser } = await smsAccount(t);
    const { msisdn, id } = await add(browser);
    const pin = await latestPin(t.ctx, `+${msisdn}`);
    t.clock.advance(5 * 60_000 + 1000);
    const response = await browser.post(`/api/test-numbers/${id}/verify`, { pin });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toMatch(/expired/);
  });

  it('allows at most 10 test numbers per account (422 with invalid_parameters) and no duplicates (409)', async () => {
    const { browser } = await smsAccount(t);
    const numbers = Array.from({ length: 10 }, () => ukMobile());
    for (const msisdn of numbers) expect((await add(browser, msisdn)).response.statusCode).toBe(201);
    const eleventh = await add(browser);
    expect(eleventh.response.statusCode).toBe(422);
    expect(eleventh.response.json()).toMatchObject({ invalid_parameters: [{ name: 'number', reason: expect.stringMatching(/at most 10/) }] });
    const duplicate = await browser.post('/api/test-numbers', { number: `+${numbers[0]}`, country: 'GB' });
    expect(duplicate.statusCode).toBe(409);

    const { id } = (await browser.get('/api/test-numbers')).json().test_numbers[0];
    expect((await browser.delete(`/api/test-numbers/${id}`)).statusCode).toBe(204);
    expect((await add(browser)).response.statusCode).toBe(201);
  });

  it('holds the limit under parallel additions', async () => {
    const { browser } = await smsAccount(t);
    const responses = await Promise.all(Array.from({ length: 14 }, () => add(browser)));
    expect(responses.filter((r) => r.response.statusCode === 201)).toHaveLength(10);
    expect(responses.filter((r) => r.response.statusCode === 422)).toHaveLength(4);
  });

  it('validates the number for its country', async () => {
    const { browser } = await smsAccount(t);
    const invalid = await browser.post('/api/test-numbers', { number: '12345', country: 'GB' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ invalid_parameters: [{ name: 'number' }] });
    const noCountry = await browser.post('/api/test-numbers', { number: '+14155550100', country: 'USA' });
    expect(noCountry.statusCode).toBe(422);
    const us = await browser.post('/api/test-numbers', { number: '(415) 555-0100', country: 'US' });
    expect(us.statusCode).toBe(201);
    expect(us.json()).toMatchObject({ number: '+14155550100', country: 'US' });
  });

  it("keeps each account's numbers to itself and needs a signed-in session with CSRF", async () => {
    const owner = await smsAccount(t);
    const other = await smsAccount(t);
    const { id } = await add(owner.browser);
    expect((await other.browser.get('/api/test-numbers')).json().test_numbers).toEqual([]);
    expect((await other.browser.post(`/api/test-numbers/${id}/verify`, { pin: '1234' })).statusCode).toBe(404);
    expect((await other.browser.post(`/api/test-numbers/${id}/resend`)).statusCode).toBe(404);
    expect((await other.browser.delete(`/api/test-numbers/${id}`)).statusCode).toBe(404);

    const anonymous = new Browser(t.app);
    expect((await anonymous.get('/api/test-numbers')).statusCode).toBe(401);
    expect((await owner.browser.post('/api/test-numbers', { number: `+${ukMobile()}`, country: 'GB' }, { csrf: false })).statusCode).toBe(403);
    expect((await owner.browser.get('/api/test-numbers')).json().test_numbers).toHaveLength(1);
  });

  describe('limits that belong to the number and the account, not to the row', () => {
    const smsCount = async (msisdn: string) => (await t.ctx.outbox.list({ recipient: `+${msisdn}` })).length;
    const removeNumber = async (browser: Browser, id: string) => expect((await browser.delete(`/api/test-numbers/${id}`)).statusCode).toBe(204);
    const expectRefused = (response: Awaited<ReturnType<typeof add>>['response'], field: string, reason: RegExp, maxWaitSeconds: number) => {
      expect(response.statusCode).toBe(429);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const retryAfter = Number(response.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(maxWaitSeconds);
      expect(response.json()).toMatchObject({ retry_after: retryAfter, invalid_parameters: [{ name: field, reason: expect.stringMatching(reason) }] });
    };

    it('keeps the resend cooldown and the PINs of the hour when a number is removed and added again, on any account', async () => {
      const { browser } = await smsAccount(t);
      const first = await add(browser);
      await removeNumber(browser, first.id);

      const again = await add(browser, first.msisdn);
      expectRefused(again.response, 'number', /moments ago.*in 30 seconds/, 30);
      expect((await browser.get('/api/test-numbers')).json().test_numbers).toEqual([]);
      expect(await smsCount(first.msisdn)).toBe(1);

      const elsewhere = await smsAccount(t);
      expectRefused((await add(elsewhere.browser, first.msisdn)).response, 'number', /moments ago/, 30);

      for (let send = 2; send <= 3; send++) {
        t.clock.advance(30_000);
        const readded = await add(browser, first.msisdn);
        expect(readded.response.statusCode).toBe(201);
        await removeNumber(browser, readded.id);
      }
      t.clock.advance(30_000);
      expectRefused((await add(browser, first.msisdn)).response, 'number', /3 PINs in the last hour/, 60 * 60 - 90);
      expect(await smsCount(first.msisdn)).toBe(3);

      t.clock.advance(60 * 60_000);
      expect((await add(browser, first.msisdn)).response.statusCode).toBe(201);
    });

    it('counts wrong PINs of a number across removals: after 10 in a day even the right PIN is refused', async () => {
      const { browser } = await smsAccount(t);
      const msisdn = ukMobile();
      let wrongSoFar = 0;
      let current = await add(browser, msisdn);
      for (;;) {
        const pin = await latestPin(t.ctx, `+${msisdn}`);
        while (wrongSoFar < 10) {
          const guess = await browser.post(`/api/test-numbers/${current.id}/verify`, { pin: wrongPin(pin) });
          expect(guess.statusCode).toBe(422);
          wrongSoFar += 1;
          if (guess.json().attempts_left === 0) break;
        }
        if (wrongSoFar === 10) break;
        await removeNumber(browser, current.id);
        t.clock.advance(21 * 60_000);
        current = await add(browser, msisdn);
        expect(current.response.statusCode).toBe(201);
        expect(current.response.json().attempts_left).toBe(3);
      }
      const right = await browser.post(`/api/test-numbers/${current.id}/verify`, { pin: await latestPin(t.ctx, `+${msisdn}`) });
      expectRefused(right, 'pin', /Too many wrong PINs for this number today/, 24 * 60 * 60);
      expect((await browser.get('/api/test-numbers')).json().test_numbers[0]).toMatchObject({ verified: false });

      // A day later (the session kept alive meanwhile) the number may try again.
      for (let hours = 0; hours < 24; hours += 8) {
        t.clock.advance(8 * 60 * 60_000);
        expect((await browser.get('/api/test-numbers')).statusCode).toBe(200);
      }
      expect((await browser.post(`/api/test-numbers/${current.id}/resend`)).statusCode).toBe(200);
      const verified = await browser.post(`/api/test-numbers/${current.id}/verify`, { pin: await latestPin(t.ctx, `+${msisdn}`) });
      expect(verified.json()).toMatchObject({ verified: true });
    });

    it('sends at most 20 PINs an hour per account, also when the resends arrive at once', async () => {
      const { browser } = await smsAccount(t);
      const numbers = [];
      for (let i = 0; i < 10; i++) numbers.push(await add(browser));
      t.clock.advance(30_000);
      for (const number of numbers.slice(0, 5)) expect((await browser.post(`/api/test-numbers/${number.id}/resend`)).statusCode).toBe(200);
      t.clock.advance(30_000);
      const resends = await Promise.all(numbers.map((number) => browser.post(`/api/test-numbers/${number.id}/resend`)));
      expect(resends.map((response) => response.statusCode).sort()).toEqual([...Array(5).fill(200), ...Array(5).fill(429)]);
      expectRefused(resends.find((response) => response.statusCode === 429)!, 'number', /Your account has sent 20 PINs in the last hour/, 60 * 60);

      let sent = 0;
      for (const number of numbers) sent += await smsCount(number.msisdn);
      expect(sent).toBe(20);

      t.clock.advance(60 * 60_000);
      const waited = numbers.filter((_, i) => resends[i].statusCode === 429)[0];
      expect((await browser.post(`/api/test-numbers/${waited.id}/resend`)).statusCode).toBe(200);
    });
  });
});
