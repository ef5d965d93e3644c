import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPage } from '../../../contract/activity.js';
import type { ActiveSessions, RecoveryCodes, TwoFactorEnrolment } from '../../../contract/profile.js';
import { TWO_FACTOR_REQUIRED } from '../../../contract/two-factor-required.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('two-factor sign-in and active sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

  it('enrols with a QR code and a confirming code, then asks every sign-in for a code, each code and recovery code working once', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const { email, password } = owner.input;

    const enrolment = await owner.browser.post('/api/profile/two-factor/enrolment');
    expect(enrolment.statusCode).toBe(201);
    const { secret, otpauth_uri: uri, qr_svg: qr } = enrolment.json() as TwoFactorEnrolment;
    expect(uri).toContain(`secret=${secret}`);
    expect(qr).toContain('<svg');

    const wrong = await owner.browser.post('/api/profile/two-factor/enrolment/confirm', { code: '000000' === (await codeAt(secret)) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect((await owner.browser.get('/api/profile/two-factor')).json()).toEqual({ enabled: false, recovery_codes_left: 0 });

    const confirmed = await owner.browser.post('/api/profile/two-factor/enrolment/confirm', { code: await codeAt(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { recovery_codes: recoveryCodes } = confirmed.json() as RecoveryCodes;
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await owner.browser.get('/api/profile/two-factor')).json()).toEqual({ enabled: true, recovery_codes_left: 10 });

    const browser = new Browser(t.app, '203.0.113.50');
    const noCode = await browser.post('/api/sessions', { email, password });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({ type: TWO_FACTOR_REQUIRED });

    // The confirming code's time step is spent: the next one comes 30 seconds later.
    t.clock.advance(30_000);
    const code = await codeAt(secret);
    expect((await browser.post('/api/sessions', { email, password, code })).statusCode).toBe(200);
    expect((await new Browser(t.app, '203.0.113.51').post('/api/sessions', { email, password, code })).statusCode).toBe(401);

    t.clock.advance(10 * 60_000);
    const staleCode = await generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) - 300 });
    expect((await new Browser(t.app, '203.0.113.52').post('/api/sessions', { email, password, code: staleCode })).statusCode).toBe(401);

    const recovery = recoveryCodes[0];
    expect((await new Browser(t.app, '203.0.113.53').post('/api/sessions', { email, password, code: recovery.toUpperCase() })).statusCode).toBe(200);
    expect((await new Browser(t.app, '203.0.113.54').post('/api/sessions', { email, password, code: recovery })).statusCode).toBe(401);
    expect((await owner.browser.get('/api/profile/two-factor')).json()).toEqual({ enabled: true, recovery_codes_left: 9 });

    const badPassword = await owner.browser.post('/api/profile/two-factor/disable', { password: 'not my password 1', code: recoveryCodes[1] });
    expect(badPassword.statusCode).toBe(422);
    t.clock.advance(30_000);
    const disabled = await owner.browser.post('/api/profile/two-factor/disable', { password, code: await codeAt(secret) });
    expect(disabled.statusCode, disabled.body).toBe(204);
    expect((await new Browser(t.app, '203.0.113.55').post('/api/sessions', { email, password })).statusCode).toBe(200);

    const kinds = ((await owner.browser.get('/api/activity?limit=200')).json() as ActivityPage).entries.map((entry) => entry.kind);
    expect(kinds).toEqual(expect.arrayContaining(['user.two_factor_enabled', 'user.two_factor_disabled']));
    const stored = JSON.stringify(await t.ctx.db.selectFrom('activity_entries').selectAll().execute());
    for (const text of [secret, ...recoveryCodes, code]) expect(stored).not.toContain(text);
  });

  it('locks sign-in after five wrong codes, like wrong passwords', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const { secret } = (await owner.browser.post('/api/profile/two-factor/enrolment')).json() as TwoFactorEnrolment;
    expect((await owner.browser.post('/api/profile/two-factor/enrolment/confirm', { code: await codeAt(secret) })).statusCode).toBe(200);
    const browser = new Browser(t.app, '203.0.113.60');
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await browser.post('/api/sessions', { ...owner.input, code: 'aaaaa-bbbbb' })).statusCode).toBe(401);
    }
    expect((await browser.post('/api/sessions', { ...owner.input, code: 'aaaaa-bbbbb' })).statusCode).toBe(429);
    t.clock.advance(30_000);
    expect((await browser.post('/api/sessions', { ...owner.input, code: await codeAt(secret) })).statusCode).toBe(429);
  });

  it('lists the active sessions and signs out every other one', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const laptop = new Browser(t.app, '198.51.100.20');
    expect((await laptop.request({ method: 'POST', url: '/api/sessions', payload: owner.input, headers: { 'user-agent': 'Laptop Firefox' } })).statusCode).toBe(200);

    const listed = (await owner.browser.get('/api/profile/sessions')).json() as ActiveSessions;
    expect(listed.sessions).toHaveLength(2);
    expect(listed.sessions.filter((session) => session.current)).toHaveLength(1);
    expect(listed.sessions).toContainEqual(expect.objectContaining({ browser: 'Laptop Firefox', ip: '198.51.100.20', current: false }));

    const ended = await owner.browser.delete('/api/profile/sessions/others');
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await laptop.get('/api/session')).statusCode).toBe(401);
    expect((await owner.browser.get('/api/session')).statusCode).toBe(200);
    expect(((await owner.browser.get('/api/profile/sessions')).json() as ActiveSessions).sessions).toHaveLength(1);
  });
});
