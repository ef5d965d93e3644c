import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPage } from '../../../contract/activity.js';
import type { Profile } from '../../../contract/profile.js';
import { latestPin, signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('profile: contact details, e-mail change by link, phone change by PIN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const kinds = async (browser: Browser) => ((await browser.get('/api/activity?limit=200')).json() as ActivityPage).entries;

  async function linkSentTo(email: string): Promise<string> {
    await t.jobs.runDue();
    const [message] = await t.ctx.outbox.list({ recipient: email, limit: 1 });
    const token = message?.body.match(/\/profile\/email\/confirm\?token=([\w-]+)/)?.[1];
    if (!token) throw new Error(`no confirmation link sent to ${email}`);
    return token;
  }

  it('changes the name and Skype name at once, recording before → after', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const profile = (await owner.browser.get('/api/profile')).json() as Profile;
    expect(profile).toEqual({ name: 'Ada Lovelace', email: owner.input.email, pending_email: null, phone: owner.e164, skype: null });

    t.clock.advance(1000);
    const changed = await owner.browser.request({ method: 'PATCH', url: '/api/profile', payload: { name: 'Ada King', skype: 'ada.king' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Ada King', skype: 'ada.king' });
    const [entry] = await kinds(owner.browser);
    expect(entry).toMatchObject({ kind: 'profile.updated', changes: [{ field: 'name', before: 'Ada Lovelace', after: 'Ada King' }, { field: 'skype', before: null, after: 'ada.king' }] });

    const bad = await owner.browser.request({ method: 'PATCH', url: '/api/profile', payload: { name: '', skype: 'no spaces allowed' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().invalid_parameters.map((p: { name: string }) => p.name).sort()).toEqual(['name', 'skype']);
  });

  it('changes the e-mail only when the link sent to the new address is opened within 24 hours', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const other = await signUpVerified(t.app, t.ctx);
    const oldEmail = owner.input.email;
    const newEmail = `new.${oldEmail}`;

    expect((await owner.browser.post('/api/profile/email', { email: newEmail, password: 'wrong password 1' })).json().invalid_parameters).toEqual([
      { name: 'password', reason: 'This is not your current password.' },
    ]);
    const taken = await owner.browser.post('/api/profile/email', { email: other.input.email, password: owner.input.password });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().invalid_parameters[0].name).toBe('email');

    const requested = await owner.browser.post('/api/profile/email', { email: newEmail, password: owner.input.password });
    expect(requested.statusCode, requested.body).toBe(202);
    expect(requested.json()).toMatchObject({ email: oldEmail, pending_email: newEmail });
    const token = await linkSentTo(newEmail);
    const [warning] = await t.ctx.outbox.list({ recipient: oldEmail, limit: 1 });
    expect(warning.body).toContain(newEmail);

    // Until the link is opened the old address is the one that signs in.
    expect((await new Browser(t.app).post('/api/sessions', { email: oldEmail, password: owner.input.password })).statusCode).toBe(200);
    expect((await new Browser(t.app).post('/api/sessions', { email: newEmail, password: owner.input.password })).statusCode).toBe(401);

    // A newer request replaces the link; the replaced one is dead.
    t.clock.advance(60_000);
    await owner.browser.post('/api/profile/email', { email: newEmail, password: owner.input.password });
    const newest = await linkSentTo(newEmail);
    expect((await new Browser(t.app).post('/api/profile/email/confirm', { token })).statusCode).toBe(410);

    t.clock.advance(24 * 3600_000 - 1000);
    const confirmed = await new Browser(t.app).post('/api/profile/email/confirm', { token: newest });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ email: newEmail });
    expect((await new Browser(t.app).post('/api/profile/email/confirm', { token: newest })).statusCode).toBe(410);
    expect((await new Browser(t.app).post('/api/sessions', { email: newEmail, password: owner.input.password })).statusCode).toBe(200);
    const again = new Browser(t.app);
    expect((await again.post('/api/sessions', { email: oldEmail, password: owner.input.password })).statusCode).toBe(401);
    expect((await again.post('/api/sessions', { email: newEmail, password: owner.input.password })).statusCode).toBe(200);

    const entries = await kinds(again);
    expect(entries.find((entry) => entry.kind === 'profile.email_changed')?.changes).toEqual([{ field: 'email', before: oldEmail, after: newEmail }]);
    expect(entries.filter((entry) => entry.kind === 'profile.email_change_requested')).toHaveLength(2);
  });

  it('refuses a link opened after 24 hours, and keeps the old address', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const newEmail = `late.${owner.input.email}`;
    await owner.browser.post('/api/profile/email', { email: newEmail, password: owner.input.password });
    const token = await linkSentTo(newEmail);
    t.clock.advance(24 * 3600_000 + 1000);
    const late = await new Browser(t.app).post('/api/profile/email/confirm', { token });
    expect(late.statusCode).toBe(410);
    expect(late.json().invalid_parameters[0].name).toBe('token');
    const again = new Browser(t.app);
    expect((await again.post('/api/sessions', { email: owner.input.email, password: owner.input.password })).statusCode).toBe(200);
    expect((await again.get('/api/profile')).json()).toMatchObject({ email: owner.input.email, pending_email: null });
  });

  it('changes the phone with the PIN sent to the new number; a number of any account is refused', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const other = await signUpVerified(t.app, t.ctx);

    const taken = await owner.browser.post('/api/profile/phone', { phone: other.input.phone, country: 'GB' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().invalid_parameters[0].name).toBe('phone');
    expect((await owner.browser.post('/api/profile/phone', { phone: '123', country: 'GB' })).statusCode).toBe(422);

    const newPhone = '07400 900123';
    const newE164 = '+447400900123';
    const started = await owner.browser.post('/api/profile/phone', { phone: newPhone, country: 'GB' });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ phone_masked: '+44 ••• •••123', attempts_left: 3 });
    const pin = await latestPin(t.ctx, newE164);
    const wrong = await owner.browser.post('/api/profile/phone/verify', { pin: pin === '0000' ? '1111' : '0000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().attempts_left).toBe(2);
    expect(((await owner.browser.get('/api/profile')).json() as Profile).phone).toBe(owner.e164);

    expect((await owner.browser.post('/api/profile/phone', { phone: newPhone, country: 'GB' })).statusCode).toBe(429);
    t.clock.advance(1000);
    const verified = await owner.browser.post('/api/profile/phone/verify', { pin });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(((await owner.browser.get('/api/profile')).json() as Profile).phone).toBe(newE164);
    // The owner's phone is the account's: the old number is free for a new sign-up, the new one is not.
    const account = await t.ctx.db.selectFrom('accounts').select('phone').where('api_key', '=', owner.apiKey).executeTakeFirstOrThrow();
    expect(account.phone).toBe(newE164);
    expect((await other.browser.post('/api/profile/phone', { phone: newPhone, country: 'GB' })).statusCode).toBe(409);

    const [entry] = await kinds(owner.browser);
    expect(entry).toMatchObject({ kind: 'profile.phone_changed', changes: [{ field: 'phone', before: owner.e164, after: newE164 }] });
    expect((await owner.browser.post('/api/profile/phone/verify', { pin })).statusCode).toBe(422);
  });

  it('voids the PIN after three wrong attempts', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    await owner.browser.post('/api/profile/phone', { phone: '07400 900124', country: 'GB' });
    const pin = await latestPin(t.ctx, '+447400900124');
    const wrongPin = pin === '0000' ? '1111' : '0000';
    for (const left of [2, 1, 0]) expect((await owner.browser.post('/api/profile/phone/verify', { pin: wrongPin })).json().attempts_left).toBe(left);
    expect((await owner.browser.post('/api/profile/phone/verify', { pin })).statusCode).toBe(422);
    expect(((await owner.browser.get('/api/profile')).json() as Profile).phone).toBe(owner.e164);
  });

  it('removing a member takes their pending e-mail and phone changes with them, and frees their phone', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const member = await addMember(t, owner.apiKey, { roleId: 'developer' });
    expect((await member.browser.post('/api/profile/phone', { phone: '07400 900125', country: 'GB' })).statusCode).toBe(201);
    expect((await member.browser.post('/api/profile/phone/verify', { pin: await latestPin(t.ctx, '+447400900125') })).statusCode).toBe(200);
    expect((await member.browser.post('/api/profile/email', { email: `moved.${member.email}`, password: member.password })).statusCode).toBe(202);
    expect((await owner.browser.delete(`/api/team/members/${member.userId}`)).statusCode).toBeLessThan(300);
    expect(await t.ctx.db.selectFrom('email_changes').select('user_id').where('user_id', '=', member.userId).execute()).toEqual([]);
    t.clock.advance(60_000);
    expect((await owner.browser.post('/api/profile/phone', { phone: '07400 900125', country: 'GB' })).statusCode).toBe(201);
  });

  it('changes the password only with the current one, and ends every other session', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const laptop = new Browser(t.app);
    expect((await laptop.post('/api/sessions', { email: owner.input.email, password: owner.input.password })).statusCode).toBe(200);
    expect((await owner.browser.post('/api/session/password', { current_password: 'not it 1234', new_password: 'a new password 7' })).statusCode).toBe(422);
    expect((await laptop.get('/api/session')).statusCode).toBe(200);
    const changed = await owner.browser.post('/api/session/password', { current_password: owner.input.password, new_password: 'a new password 7' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await laptop.get('/api/session')).statusCode).toBe(401);
    expect((await owner.browser.get('/api/session')).statusCode).toBe(200);
  });
});
