import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPin, signupInput } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('sign-up with PIN verification', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { SIGNUP_REVIEW_COUNTRIES: 'NG, PK' } });
  });
  afterAll(() => t.close());

  async function start(overrides: Record<string, unknown> = {}) {
    const browser = new Browser(t.app);
    const input = signupInput(overrides);
    const response = await browser.post('/api/signups', input);
    const e164 = `+44${String(input.phone).slice(1)}`;
    return { browser, input, response, e164, signupId: (response.json() as { signup_id: string }).signup_id };
  }

  it('sends a 4-digit PIN by SMS and describes the attempt', async () => {
    const { response, e164 } = await start();
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ status: 'pending', channel: 'sms', attempts_left: 3 });
    expect(body.phone_masked).toMatch(/^\+44 ••• •••\d{3}$/);
    expect(new Date(body.expires_at).getTime() - t.clock.now().getTime()).toBe(5 * 60_000);
    expect(new Date(body.resend_available_at).getTime() - t.clock.now().getTime()).toBe(30_000);
    const [sms] = await t.ctx.outbox.list({ recipient: e164 });
    expect(sms.channel).toBe('sms');
    expect(sms.body).toMatch(/Your Switchboard PIN is \d{4}\./);
  });

  it('creates the account only when the PIN is right: key, secret, €2 test credit in the ledger, DEMO', async () => {
    const { browser, signupId, e164, input } = await start();
    expect(await t.ctx.db.selectFrom('accounts').select('api_key').where('phone', '=', e164).executeTakeFirst()).toBeUndefined();

    const verified = await browser.post(`/api/signups/${signupId}/verify`, { pin: await latestPin(t.ctx, e164) });
    expect(verified.statusCode).toBe(200);
    const body = verified.json();
    expect(body.account.api_key).toMatch(/^[0-9a-f]{8}$/);
    expect(body.api_secret).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{16}$/);
    expect(body.user).toMatchObject({ email: input.email, name: 'Ada Lovelace' });
    expect(verified.cookies.find((c) => c.name === 'sb_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const account = await browser.get('/api/account');
    expect(account.json()).toMatchObject({ api_key: body.account.api_key, balance: 2, credit_limit: 0, demo: true, company_name: 'Acme Telecom Ltd' });

    const ledger = await t.ctx.db.selectFrom('ledger_entries').selectAll().where('api_key', '=', body.account.api_key).execute();
    expect(ledger).toEqual([expect.objectContaining({ kind: 'test_credit', amount_micros: 2_000_000, balance_after_micros: 2_000_000 })]);
    const secrets = await t.ctx.db.selectFrom('api_secrets').select('secret_hash').where('api_key', '=', body.account.api_key).execute();
    expect(secrets).toHaveLength(1);
    expect(secrets[0].secret_hash).toMatch(/^\$argon2id\$/);
    expect(secrets[0].secret_hash).not.toContain(body.api_secret);

    const again = await browser.post(`/api/signups/${signupId}/verify`, { pin: '0000' });
    expect(again.statusCode).toBe(409);
  });

  it('stores the PIN hashed, never in clear', async () => {
    const { signupId, e164 } = await start();
    const pin = await latestPin(t.ctx, e164);
    const row = await t.ctx.db.selectFrom('pin_challenges').select('pin_hash').where('signup_id', '=', signupId).executeTakeFirstOrThrow();
    expect(row.pin_hash).toMatch(/^\$argon2id\$/);
    expect(row.pin_hash).not.toContain(pin);
  });

  it('refuses a PIN after its 5 minutes', async () => {
    const { browser, signupId, e164 } = await start();
    const pin = await latestPin(t.ctx, e164);
    t.clock.advance(5 * 60_000 + 1000);
    const response = await browser.post(`/api/signups/${signupId}/verify`, { pin });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ attempts_left: 0, invalid_parameters: [{ name: 'pin', reason: expect.stringMatching(/expired/) }] });
  });

  it('voids the PIN after 3 wrong attempts, even if the right one comes next', async () => {
    const { browser, signupId, e164 } = await start();
    const pin = await latestPin(t.ctx, e164);
    const wrong = pin === '1111' ? '2222' : '1111';
    const lefts = [];
    for (let i = 0; i < 3; i++) {
      const response = await browser.post(`/api/signups/${signupId}/verify`, { pin: wrong });
      expect(response.statusCode).toBe(422);
      lefts.push(response.json().attempts_left);
    }
    expect(lefts).toEqual([2, 1, 0]);
    const right = await browser.post(`/api/signups/${signupId}/verify`, { pin });
    expect(right.statusCode).toBe(422);
    expect(right.json().detail).toMatch(/no longer valid/);
    expect((await browser.get(`/api/signups/${signupId}`)).json().attempts_left).toBe(0);
  });

  it('counts parallel guesses atomically: at most 3 are ever checked', async () => {
    const { browser, signupId, e164 } = await start();
    const pin = await latestPin(t.ctx, e164);
    const guesses = Array.from({ length: 10 }, (_, i) => String((Number(pin) + 1 + i) % 10_000).padStart(4, '0'));
    const responses = await Promise.all(guesses.map((guess) => browser.post(`/api/signups/${signupId}/verify`, { pin: guess })));
    expect(responses.every((r) => r.statusCode === 422)).toBe(true);
    const row = await t.ctx.db.selectFrom('pin_challenges').selectAll().where('signup_id', '=', signupId).executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(3);
    expect(row.status).toBe('voided');
  });

  it('lets a new PIN be sent only after a 30-second cooldown, by SMS or voice call', async () => {
    const { browser, signupId, e164 } = await start();
    const first = await latestPin(t.ctx, e164);
    const early = await browser.post(`/api/signups/${signupId}/resend`, { channel: 'voice' });
    expect(early.statusCode).toBe(429);
    expect(Number(early.headers['retry-after'])).toBe(30);

    t.clock.advance(30_000);
    const resent = await browser.post(`/api/signups/${signupId}/resend`, { channel: 'voice' });
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ channel: 'voice', attempts_left: 3 });
    const [call] = await t.ctx.outbox.list({ recipient: e164, limit: 1 });
    expect(call.channel).toBe('voice');
    const second = await latestPin(t.ctx, e164);

    if (first !== second) {
      const old = await browser.post(`/api/signups/${signupId}/verify`, { pin: first });
      expect(old.statusCode).toBe(422);
    }
    const ok = await browser.post(`/api/signups/${signupId}/verify`, { pin: second });
    expect(ok.statusCode).toBe(200);
  });

  it('holds sign-ups from review countries for manual review', async () => {
    const browser = new Browser(t.app);
    const response = await browser.post('/api/signups', signupInput({ country: 'NG', phone: '08031234567' }));
    expect(response.statusCode).toBe(202);
    expect(response.json().message).toMatch(/reviewed/);
    expect(await t.ctx.outbox.list({ recipient: '+2348031234567' })).toHaveLength(0);
  });

  it('explains every invalid field at once and changes nothing', async () => {
    const before = await t.ctx.db.selectFrom('signups').select(t.ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const response = await new Browser(t.app).post('/api/signups', {
      company_name: '',
      name: 'A',
      email: 'not-an-email',
      password: 'short',
      country: 'GB',
      phone: '123',
      pin_channel: 'fax',
    });
    expect(response.statusCode).toBe(422);
    const names = response.json().invalid_parameters.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(expect.arrayContaining(['company_name', 'email', 'password', 'pin_channel']));
    const after = await t.ctx.db.selectFrom('signups').select(t.ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('normalises the phone number to E.164', async () => {
    const { response, e164 } = await start({ phone: '07400 1' + '9' + '3456' });
    expect(response.statusCode).toBe(201);
    expect(e164).toMatch(/^\+44/);
    const row = await t.ctx.db.selectFrom('signups').select('phone').where('id', '=', response.json().signup_id).executeTakeFirstOrThrow();
    expect(row.phone).toBe('+447400193456');
  });
});
