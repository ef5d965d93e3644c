import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPin, signUpVerified, signupInput } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('sign-up abuse: SMS pumping, PIN guessing, enumeration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const e164Of = (input: { phone: unknown }) => `+44${String(input.phone).slice(1)}`;
  const start = (overrides: Record<string, unknown> = {}, browser = new Browser(t.app)) => {
    const input = signupInput(overrides);
    return browser.post('/api/signups', input).then((response) => ({ input, response, browser, e164: e164Of(input) }));
  };
  const smsTo = async (e164: string) => (await t.ctx.outbox.list({ recipient: e164 })).length;

  it('sends at most 3 PINs an hour to one phone, however many sign-ups name it', async () => {
    const first = await start();
    const statuses = [first.response.statusCode];
    for (let i = 0; i < 3; i++) statuses.push((await start({ phone: first.input.phone })).response.statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(await smsTo(first.e164)).toBe(3);
    t.clock.advance(60 * 60_000 + 1000);
    expect((await start({ phone: first.input.phone })).response.statusCode).toBe(201);
  });

  it('accepts at most 10 sign-ups an hour from one address', async () => {
    const browser = new Browser(t.app, '192.0.2.150');
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await start({}, browser)).response.statusCode);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
  });

  it('keeps one pending sign-up per phone: a new one replaces the old and keeps its wrong attempts', async () => {
    const a = await start();
    const wrong = (await latestPin(t.ctx, a.e164)) === '0000' ? '1111' : '0000';
    const signupA = a.response.json().signup_id as string;
    expect((await a.browser.post(`/api/signups/${signupA}/verify`, { pin: wrong })).json().attempts_left).toBe(2);
    expect((await a.browser.post(`/api/signups/${signupA}/verify`, { pin: wrong })).json().attempts_left).toBe(1);

    const b = await start({ phone: a.input.phone });
    expect(b.response.json().attempts_left).toBe(1);
    expect((await a.browser.post(`/api/signups/${signupA}/verify`, { pin: await latestPin(t.ctx, a.e164) })).statusCode).toBe(409);
    const verified = await b.browser.post(`/api/signups/${b.response.json().signup_id}/verify`, { pin: await latestPin(t.ctx, b.e164) });
    expect(verified.statusCode).toBe(200);
  });

  it('caps PIN attempts per phone across sign-ups: even the right PIN is refused after 10 wrong ones in a day', async () => {
    const phone = signupInput().phone;
    let last: Awaited<ReturnType<typeof start>> | null = null;
    for (let round = 0; round < 4; round++) {
      t.clock.advance(60 * 60_000 + 1000);
      last = await start({ phone });
      expect(last.response.statusCode).toBe(201);
      const pin = await latestPin(t.ctx, last.e164);
      const wrong = pin === '0000' ? '1111' : '0000';
      const id = last.response.json().signup_id as string;
      for (let guess = 0; guess < last.response.json().attempts_left && round * 3 + guess < 10; guess++) {
        await last.browser.post(`/api/signups/${id}/verify`, { pin: wrong });
      }
    }
    t.clock.advance(60 * 60_000 + 1000);
    const fresh = await start({ phone });
    const refused = await fresh.browser.post(`/api/signups/${fresh.response.json().signup_id}/verify`, { pin: await latestPin(t.ctx, fresh.e164) });
    expect(refused.statusCode).toBe(429);
  });

  it('answers a sign-up for a registered e-mail or phone exactly like a new one, sends no PIN, and tells the owner', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const fresh = await start();
    const sameEmail = await start({ email: owner.input.email });
    const samePhone = await start({ phone: owner.input.phone });
    const shape = (response: typeof fresh.response) => ({ status: response.statusCode, keys: Object.keys(response.json()).sort(), attempts: response.json().attempts_left });
    expect(shape(sameEmail.response)).toEqual(shape(fresh.response));
    expect(shape(samePhone.response)).toEqual(shape(fresh.response));

    expect(await smsTo(sameEmail.e164)).toBe(0);
    await t.jobs.runDue();
    const [mail] = await t.ctx.outbox.list({ recipient: owner.input.email, limit: 1 });
    expect(mail.subject).toMatch(/tried to sign up/);
    const [notice] = await t.ctx.outbox.list({ recipient: owner.e164, limit: 1 });
    expect(notice.body).toMatch(/already belongs to an account/);
    expect(notice.body).not.toMatch(/\d{4}/);

    const guessed = await sameEmail.browser.post(`/api/signups/${sameEmail.response.json().signup_id}/verify`, { pin: '1234' });
    expect(guessed.statusCode).toBe(422);
  });
});
