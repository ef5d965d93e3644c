import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD_CHANGE_REQUIRED } from '../../../contract/permissions.js';
import { MEMBER_DISABLED, TEAM_MEMBER_LIMIT, TEMPORARY_PASSWORD_EXPIRED, type Member, type Team } from '../../../contract/team.js';
import { HOUR, MINUTE } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { basic } from '../../testing/basic-auth.js';
import { signInOwner, signUpVerified } from '../../testing/identity-fixtures.js';
import { invitationPassword } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

type Family = Awaited<ReturnType<typeof signUpVerified>>;

describe('team members: invitation, temporary password, resend, disable, enable, remove', () => {
  let t: TestApp;
  let owner: Family;
  let visible: string;
  let hidden: string;
  let sequence = 0;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpVerified(t.app, t.ctx);
    const create = async (name: string) =>
      (await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, headers: { authorization: basic(owner.apiKey, owner.apiSecret) }, payload: { name } })).json().api_key as string;
    visible = await create('Visible customer');
    hidden = await create('Hidden customer');
  });
  afterAll(() => t.close());
  // The tests move the clock by days: each starts with a fresh session of the owner.
  let admin: Browser;
  beforeEach(async () => {
    admin = await signInOwner(t.app, owner.apiKey);
  });

  const newEmail = () => `grace.${++sequence}.${newId().slice(0, 6)}@example.com`;

  async function invite(by: Browser, body: Record<string, unknown> = {}) {
    const email = newEmail();
    const response = await by.post('/api/team/members', { name: 'Grace Hopper', email, role_id: 'finance', scope: 'family', subaccounts: [], ...body });
    expect(response.statusCode, response.body).toBe(201);
    return { member: response.json() as Member, email: (body.email as string | undefined) ?? email, password: await invitationPassword(t, (body.email as string | undefined) ?? email) };
  }

  const signIn = (email: string, password: string, browser = new Browser(t.app)) => browser.post('/api/sessions', { email, password }).then((response) => ({ response, browser }));
  const team = async () => ((await admin.get('/api/team/members')).json() as Team).members;

  it('invites a member scoped to one subaccount: an e-mail with a temporary password, and at first sign-in they set their own', async () => {
    const { member, email, password } = await invite(admin, { role_id: 'finance', scope: 'subaccounts', subaccounts: [visible] });
    expect(member).toMatchObject({
      name: 'Grace Hopper',
      email,
      owner: false,
      role: { id: 'finance', name: 'Finance' },
      scope: 'subaccounts',
      subaccounts: [{ api_key: visible, name: 'Visible customer' }],
      status: 'invited',
      last_sign_in_at: null,
    });
    expect(Date.parse(member.invitation_expires_at!) - t.clock.now().getTime()).toBe(72 * HOUR);

    const [mail] = await t.ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', email).execute();
    expect(mail.status).toBe('pending');
    expect(mail.subject).toMatch(/invited you to Acme Telecom Ltd on Switchboard/);
    expect(mail.body).toContain('as Finance');
    expect(mail.body).toContain('/signin');
    expect(password).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    const stored = await t.ctx.db.selectFrom('users').select(['password_hash', 'must_change_password']).where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(password);
    expect(stored.must_change_password).toBe(1);

    const { response, browser } = await signIn(email, password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { must_change_password: true }, role: { name: 'Finance' }, scope: { kind: 'subaccounts', subaccounts: [visible] } });
    expect((await browser.get('/api/subaccounts')).json().type).toBe(PASSWORD_CHANGE_REQUIRED);
    expect((await browser.post('/api/session/password', { current_password: password, new_password: 'Grace own password 1' })).statusCode).toBe(200);

    const page = (await browser.get('/api/subaccounts')).json();
    expect(page.items.map((s: { api_key: string }) => s.api_key)).toEqual([visible]);
    expect((await browser.get(`/accounts/${owner.apiKey}/subaccounts/${hidden}`)).statusCode).toBe(404);
    const listed = (await team()).find((m) => m.id === member.id)!;
    expect(listed).toMatchObject({ status: 'active', invitation_expires_at: null, last_sign_in_at: t.clock.now().toISOString() });
  });

  it('lists the owner first with every member’s role, scope, status and last sign-in', async () => {
    const members = await team();
    expect(members[0]).toMatchObject({ owner: true, role: { name: 'Administrator' }, scope: 'family', status: 'active', email: owner.input.email });
    expect(members[0].last_sign_in_at).toBe(t.clock.now().toISOString());
    expect((await admin.get('/api/team/members')).json().member_limit).toBe(TEAM_MEMBER_LIMIT);
  });

  it('refuses the temporary password once 72 hours have passed, with a message saying what to do', async () => {
    const { email, password } = await invite(admin);
    const early = await invite(admin);
    t.clock.advance(72 * HOUR - MINUTE);
    const { browser: signedInJustInTime } = await signIn(early.email, early.password);
    expect((await signedInJustInTime.get('/api/session')).statusCode).toBe(200);
    t.clock.advance(2 * MINUTE);

    const { response } = await signIn(email, password);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ type: TEMPORARY_PASSWORD_EXPIRED, detail: expect.stringMatching(/expired on .* UTC\. Ask an administrator .* new invitation/) });
    expect((await signIn(email, 'not the password 1')).response.statusCode).toBe(401);
    // A session opened in time cannot set a password with the dead temporary one either.
    const late = await signedInJustInTime.post('/api/session/password', { current_password: early.password, new_password: 'Grace own password 2' });
    expect(late.json().type).toBe(TEMPORARY_PASSWORD_EXPIRED);
  });

  it('resends the invitation: a new temporary password for 72 more hours, the old one and its sessions dead at once', async () => {
    const { member, email, password } = await invite(admin);
    const { browser: oldSession } = await signIn(email, password);
    t.clock.advance(48 * HOUR);
    admin = await signInOwner(t.app, owner.apiKey);

    const resent = await admin.post(`/api/team/members/${member.id}/invitation`);
    expect(resent.statusCode).toBe(200);
    expect(Date.parse(resent.json().invitation_expires_at) - t.clock.now().getTime()).toBe(72 * HOUR);
    const fresh = await invitationPassword(t, email);
    expect(fresh).not.toBe(password);
    expect((await oldSession.get('/api/session')).statusCode).toBe(401);
    expect((await signIn(email, password)).response.statusCode).toBe(401);

    t.clock.advance(48 * HOUR);
    admin = await signInOwner(t.app, owner.apiKey);
    const { response, browser } = await signIn(email, fresh);
    expect(response.statusCode).toBe(200);
    await browser.post('/api/session/password', { current_password: fresh, new_password: 'Grace own password 3' });
    const again = await admin.post(`/api/team/members/${member.id}/invitation`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already chosen a password/);
  });

  it('disabling ends every session at once and refuses sign-in; enabling lets them back', async () => {
    const { member, email, password } = await invite(admin, { role_id: 'developer' });
    const { browser: laptop } = await signIn(email, password);
    await laptop.post('/api/session/password', { current_password: password, new_password: 'Grace own password 4' });
    const { browser: phone } = await signIn(email, 'Grace own password 4');

    const disabled = await admin.post(`/api/team/members/${member.id}/disable`);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expect((await laptop.get('/api/session')).statusCode).toBe(401);
    expect((await phone.get('/api/account')).statusCode).toBe(401);
    const refused = (await signIn(email, 'Grace own password 4')).response;
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: MEMBER_DISABLED, detail: expect.stringMatching(/disabled your access/) });
    expect((await admin.post(`/api/team/members/${member.id}/disable`)).statusCode).toBe(409);

    const enabled = await admin.post(`/api/team/members/${member.id}/enable`);
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect((await signIn(email, 'Grace own password 4')).response.statusCode).toBe(200);
  });

  it('removing ends their sessions, and their e-mail address can be invited again', async () => {
    const { member, email, password } = await invite(admin, { role_id: 'read_only' });
    const { browser } = await signIn(email, password);
    // What else the member left behind goes with them (a pending e-mail change, a display preference).
    const now = t.clock.now().toISOString();
    await t.ctx.db.insertInto('email_changes').values({ token_hash: newId(), user_id: member.id, new_email: 'new@example.com', created_at: now, expires_at: now, used_at: null }).execute();
    await t.ctx.db.insertInto('user_preferences').values({ user_id: member.id, display_currency: 'USD', updated_at: now }).execute();

    expect((await admin.delete(`/api/team/members/${member.id}`)).statusCode).toBe(204);
    expect((await browser.get('/api/session')).statusCode).toBe(401);
    expect((await signIn(email, password)).response.statusCode).toBe(401);
    expect((await team()).some((m) => m.id === member.id)).toBe(false);
    expect((await admin.delete(`/api/team/members/${member.id}`)).statusCode).toBe(404);

    const again = await invite(admin, { email, role_id: 'developer' });
    expect(again.member).toMatchObject({ email, status: 'invited', role: { name: 'Developer' } });
  });

  it('an e-mail address belongs to one member of one company, whatever its case', async () => {
    const other = await signUpVerified(t.app, t.ctx);
    const taken = await admin.post('/api/team/members', { name: 'Other', email: String(other.input.email).toUpperCase(), role_id: 'finance', scope: 'family', subaccounts: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().invalid_parameters).toEqual([{ name: 'email', reason: expect.stringMatching(/one member of one company/) }]);

    const { email } = await invite(admin);
    const twice = await other.browser.post('/api/team/members', { name: 'Twice', email, role_id: 'finance', scope: 'family', subaccounts: [] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().invalid_parameters[0].name).toBe('email');
  });

  it('names the field at fault: no subaccount chosen, a subaccount of another family, an unknown role', async () => {
    const stranger = await signUpVerified(t.app, t.ctx);
    const strangerSub = (
      await t.app.inject({ method: 'POST', url: `/accounts/${stranger.apiKey}/subaccounts`, headers: { authorization: basic(stranger.apiKey, stranger.apiSecret) }, payload: { name: 'Theirs' } })
    ).json().api_key;
    const base = { name: 'Grace', email: newEmail(), role_id: 'finance' };
    const cases: [Record<string, unknown>, string][] = [
      [{ scope: 'subaccounts', subaccounts: [] }, 'subaccounts'],
      [{ scope: 'subaccounts', subaccounts: [strangerSub] }, 'subaccounts'],
      [{ scope: 'subaccounts', subaccounts: [owner.apiKey] }, 'subaccounts'],
      [{ scope: 'family', subaccounts: [], role_id: newId() }, 'role_id'],
      [{ scope: 'family', subaccounts: [], email: 'not an address' }, 'email'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post('/api/team/members', { ...base, ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().invalid_parameters.map((p: { name: string }) => p.name)).toEqual([field]);
    }
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', base.email).executeTakeFirst()).toBeUndefined();
  });

  it('holds at most 200 members per family, the owner included', async () => {
    const family = await signUpVerified(t.app, t.ctx);
    const { count } = await t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).where('primary_api_key', '=', family.apiKey).executeTakeFirstOrThrow();
    const now = t.clock.now().toISOString();
    const filler = Array.from({ length: TEAM_MEMBER_LIMIT - Number(count) - 1 }, (_, i) => ({
      id: newId(),
      primary_api_key: family.apiKey,
      email: `filler.${i}.${family.apiKey}@example.com`,
      name: `Filler ${i}`,
      password_hash: 'not a usable hash',
      must_change_password: 0,
      created_at: now,
    }));
    await t.ctx.db.insertInto('users').values(filler).execute();

    // Two invitations racing for the last place: exactly one gets it.
    const racing = await Promise.all(
      [newEmail(), newEmail()].map((email) => family.browser.post('/api/team/members', { name: 'Racer', email, role_id: 'finance', scope: 'family', subaccounts: [] })),
    );
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const full = await family.browser.post('/api/team/members', { name: 'One too many', email: newEmail(), role_id: 'finance', scope: 'family', subaccounts: [] });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ member_limit: 200, detail: expect.stringMatching(/has 200 members, the most it can have/) });
    expect(((await family.browser.get('/api/team/members')).json() as Team).members).toHaveLength(200);
  });

  it('finds subaccounts for a scope by name or key, only in the family', async () => {
    const found = (await admin.get('/api/team/subaccounts?search=VISIBLE')).json();
    expect(found.subaccounts).toEqual([{ api_key: visible, name: 'Visible customer' }]);
    const all = (await admin.get('/api/team/subaccounts')).json();
    expect(all.subaccounts.map((s: { api_key: string }) => s.api_key).sort()).toEqual([visible, hidden].sort());
    expect((await admin.get(`/api/team/subaccounts?search=${hidden.slice(0, 6)}`)).json().subaccounts).toEqual([{ api_key: hidden, name: 'Hidden customer' }]);
  });
});
