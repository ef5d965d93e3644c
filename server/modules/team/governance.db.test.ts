import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Role, Team } from '../../../contract/team.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember, invitationPassword } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

type Family = Awaited<ReturnType<typeof signUpVerified>>;

describe('team governance: the owner, ownership hand-over, custom roles, what a manager may give', () => {
  let t: TestApp;
  let owner: Family;
  let ownerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpVerified(t.app, t.ctx);
    ownerId = (await owner.browser.get('/api/session')).json().user.id;
  });
  afterAll(() => t.close());

  const members = async (browser: Browser) => ((await browser.get('/api/team/members')).json() as Team).members;
  const put = (browser: Browser, url: string, payload: object) => browser.request({ method: 'PUT', url, payload });
  const access = (browser: Browser, memberId: string, roleId: string, scope: object = { scope: 'family', subaccounts: [] }) =>
    put(browser, `/api/team/members/${memberId}/access`, { role_id: roleId, ...scope });

  it('nobody can remove, disable, demote or limit the owner, not even another Administrator', async () => {
    const admin = await addMember(t, owner.apiKey, { roleId: 'administrator' });
    for (const browser of [owner.browser, admin.browser]) {
      const attempts = [
        browser.delete(`/api/team/members/${ownerId}`),
        browser.post(`/api/team/members/${ownerId}/disable`),
        access(browser, ownerId, 'developer'),
        access(browser, ownerId, 'administrator', { scope: 'subaccounts', subaccounts: ['0000abcd'] }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.statusCode).toBe(409);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().detail).toMatch(/^The owner of the account cannot be .*hand ownership over/);
      }
    }
    const [first] = await members(owner.browser);
    expect(first).toMatchObject({ id: ownerId, owner: true, role: { id: 'administrator' }, scope: 'family', status: 'active' });
  });

  it('the last Administrator cannot be demoted: the owner always is one, so the family always keeps one', async () => {
    const family = await signUpVerified(t.app, t.ctx);
    const only = (await members(family.browser)).filter((member) => member.role.id === 'administrator');
    expect(only.map((member) => member.owner)).toEqual([true]);
    const demoted = await access(family.browser, only[0].id, 'read_only');
    expect(demoted.statusCode).toBe(409);
    expect((await family.browser.get('/api/session')).json().role.name).toBe('Administrator');
  });

  it('hands ownership to another active Administrator, confirmed with the owner’s password', async () => {
    const family = await signUpVerified(t.app, t.ctx);
    const familyOwner = (await family.browser.get('/api/session')).json().user.id as string;
    const successor = await addMember(t, family.apiKey, { roleId: 'administrator', subaccounts: [await subaccount(family)] });
    const developer = await addMember(t, family.apiKey, { roleId: 'developer' });
    const invitee = await addMember(t, family.apiKey, { roleId: 'administrator', mustChangePassword: true });
    const handOver = (browser: Browser, memberId: string, password = String(family.input.password)) => browser.post('/api/team/ownership', { member_id: memberId, password });

    const wrongPassword = await handOver(family.browser, successor.userId, 'not my password 1');
    expect(wrongPassword.statusCode).toBe(422);
    expect(wrongPassword.json().invalid_parameters).toEqual([{ name: 'password', reason: 'This is not your password.' }]);
    const toDeveloper = await handOver(family.browser, developer.userId);
    expect(toDeveloper.statusCode).toBe(409);
    expect(toDeveloper.json().invalid_parameters[0]).toMatchObject({ name: 'member_id', reason: expect.stringMatching(/is Developer: give them the Administrator role/) });
    const toInvitee = await handOver(family.browser, invitee.userId);
    expect(toInvitee.statusCode).toBe(409);
    expect(toInvitee.json().invalid_parameters[0].reason).toMatch(/is invited: only an active member/);
    const bySuccessor = await handOver(successor.browser, successor.userId, successor.password);
    expect(bySuccessor.statusCode).toBe(403);
    expect(bySuccessor.json().detail).toBe('Only the owner of the account can hand ownership over.');

    expect((await handOver(family.browser, successor.userId)).statusCode).toBe(204);
    const after = await members(successor.browser);
    expect(after[0]).toMatchObject({ id: successor.userId, owner: true, role: { id: 'administrator' }, scope: 'family' });
    expect(after.find((member) => member.id === familyOwner)).toMatchObject({ owner: false, role: { id: 'administrator' }, status: 'active' });

    // Now the former owner can be demoted, and the new one cannot.
    expect((await access(successor.browser, familyOwner, 'finance')).json().role.name).toBe('Finance');
    expect((await access(successor.browser, successor.userId, 'finance')).statusCode).toBe(409);
    expect((await family.browser.post('/api/team/ownership', { member_id: successor.userId, password: family.input.password })).statusCode).toBe(403);
  });

  it('builds custom roles from the permission list; members hold exactly their permissions; a role in use cannot be deleted', async () => {
    const created = await owner.browser.post('/api/team/roles', { name: 'Invoices clerk', permissions: ['usage:read', 'invoices:read', 'invoices:read'] });
    expect(created.statusCode).toBe(201);
    const role = created.json() as Role;
    expect(role).toMatchObject({ name: 'Invoices clerk', permissions: ['invoices:read', 'usage:read'], built_in: false, members: 0 });

    for (const name of ['invoices CLERK', 'Finance']) {
      const duplicate = await owner.browser.post('/api/team/roles', { name, permissions: ['usage:read'] });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().invalid_parameters).toEqual([{ name: 'name', reason: 'This account already has a role with this name.' }]);
    }
    const unknown = await owner.browser.post('/api/team/roles', { name: 'Typo', permissions: ['invoices:write'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().invalid_parameters[0].name).toBe('permissions.0');

    const clerk = await addMember(t, owner.apiKey, { roleId: role.id });
    expect((await clerk.browser.get('/api/session')).json()).toMatchObject({ role: { name: 'Invoices clerk' }, permissions: ['invoices:read', 'usage:read'] });
    expect((await clerk.browser.get('/api/account')).statusCode).toBe(403);

    const edited = await put(owner.browser, `/api/team/roles/${role.id}`, { name: 'Clerk', permissions: ['account:read', 'invoices:read'] });
    expect(edited.json()).toMatchObject({ name: 'Clerk', permissions: ['account:read', 'invoices:read'], members: 1 });
    expect((await clerk.browser.get('/api/account')).statusCode).toBe(200);

    const inUse = await owner.browser.delete(`/api/team/roles/${role.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().detail).toBe('Clerk is the role of 1 member: give them another role before deleting it.');
    const listed = (await owner.browser.get('/api/team/roles')).json().roles as Role[];
    expect(listed.map((r) => r.name)).toEqual(expect.arrayContaining(['Administrator', 'Developer', 'Finance', 'Read-only', 'Clerk']));
    expect(listed.find((r) => r.id === 'administrator')?.members).toBeGreaterThanOrEqual(1);

    await access(owner.browser, clerk.userId, 'read_only');
    expect((await owner.browser.delete(`/api/team/roles/${role.id}`)).statusCode).toBe(204);
    expect((await owner.browser.delete(`/api/team/roles/${role.id}`)).statusCode).toBe(404);
    for (const response of [await owner.browser.delete('/api/team/roles/finance'), await put(owner.browser, '/api/team/roles/developer', { name: 'Dev', permissions: [] })]) {
      expect(response.statusCode).toBe(409);
      expect(response.json().detail).toMatch(/is a built-in role and cannot be changed or deleted/);
    }
  });

  it('a manager without every permission gives, builds and manages only what they hold themselves', async () => {
    const roleOf = async (name: string, permissions: string[]) => ((await owner.browser.post('/api/team/roles', { name, permissions })).json() as Role).id;
    const managerRole = await roleOf('Team lead', ['team:manage', 'account:read', 'usage:read']);
    const manager = await addMember(t, owner.apiKey, { roleId: managerRole });
    const admin = await addMember(t, owner.apiKey, { roleId: 'administrator' });
    const invite = (roleId: string) => manager.browser.post('/api/team/members', { name: 'New', email: `new.${roleId}.${Date.now()}@example.com`, role_id: roleId, scope: 'family', subaccounts: [] });

    const tooMuch = await invite('finance');
    expect(tooMuch.statusCode).toBe(403);
    expect(tooMuch.json().invalid_parameters[0]).toMatchObject({ name: 'role_id', reason: expect.stringMatching(/^Only someone who holds them can give these permissions: subaccounts:read/) });
    const buildTooMuch = await manager.browser.post('/api/team/roles', { name: 'Sneaky', permissions: ['billing:write'] });
    expect(buildTooMuch.json().invalid_parameters[0].name).toBe('permissions');
    const disableAdmin = await manager.browser.post(`/api/team/members/${admin.userId}/disable`);
    expect(disableAdmin.statusCode).toBe(403);
    expect(disableAdmin.json().detail).toMatch(/holds permissions you do not/);

    const viewer = await roleOf('Usage viewer', ['usage:read']);
    const invited = await invite(viewer);
    expect(invited.statusCode).toBe(201);
    expect((await manager.browser.post(`/api/team/members/${(invited.json() as Member).id}/disable`)).statusCode).toBe(200);

    const scopedLead = await addMember(t, owner.apiKey, { roleId: 'administrator', subaccounts: [await subaccount()] });
    const refused = await scopedLead.browser.get('/api/team/members');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/needs access to the whole account/);
  });

  it('writes an activity entry for every change, in the same transaction, never with a password', async () => {
    const family = await signUpVerified(t.app, t.ctx);
    const sub = await subaccount(family);
    const role = (await family.browser.post('/api/team/roles', { name: 'Auditor', permissions: ['activity:read'] })).json() as Role;
    await put(family.browser, `/api/team/roles/${role.id}`, { name: 'Auditors', permissions: ['activity:read', 'usage:read'] });
    const invited = (await family.browser.post('/api/team/members', { name: 'Ada', email: `ada.audit.${Date.now()}@example.com`, role_id: 'finance', scope: 'subaccounts', subaccounts: [sub] })).json() as Member;
    const firstPassword = await invitationPassword(t, invited.email);
    await family.browser.post(`/api/team/members/${invited.id}/invitation`);
    const secondPassword = await invitationPassword(t, invited.email);
    await access(family.browser, invited.id, 'developer');
    await family.browser.post(`/api/team/members/${invited.id}/disable`);
    await family.browser.post(`/api/team/members/${invited.id}/enable`);
    await family.browser.delete(`/api/team/members/${invited.id}`);
    await family.browser.delete(`/api/team/roles/${role.id}`);
    const successor = await addMember(t, family.apiKey, { roleId: 'administrator' });
    await family.browser.post('/api/team/ownership', { member_id: successor.userId, password: family.input.password });
    // Refused changes leave nothing.
    await family.browser.post('/api/team/members', { name: 'Ada', email: String(owner.input.email), role_id: 'finance', scope: 'family', subaccounts: [] });
    await family.browser.post('/api/team/ownership', { member_id: successor.userId, password: family.input.password });

    const rows = await t.ctx.db.selectFrom('activity_entries').selectAll().where('primary_api_key', '=', family.apiKey).orderBy('created_at').orderBy('id').execute();
    const team = rows.filter((row) => /^(member|role|team)\./.test(row.kind));
    expect(team.map((row) => row.kind).sort()).toEqual(
      [
        'member.access_changed',
        'member.disabled',
        'member.enabled',
        'member.invitation_resent',
        'member.invited',
        'member.invited',
        'member.removed',
        'role.created',
        'role.deleted',
        'role.updated',
        'team.ownership_transferred',
      ].sort(),
    );
    // One entry per kind about Ada or the role (the successor's invitation aside).
    const changes = Object.fromEntries(team.filter((row) => row.object_id !== successor.userId || row.kind !== 'member.invited').map((row) => [row.kind, JSON.parse(row.changes)]));
    expect(changes['member.invited']).toEqual(
      expect.arrayContaining([
        { field: 'role', before: null, after: 'Finance' },
        { field: 'scope', before: null, after: `Mine (${sub})` },
      ]),
    );
    expect(changes['member.access_changed']).toEqual([
      { field: 'role', before: 'Finance', after: 'Developer' },
      { field: 'scope', before: `Mine (${sub})`, after: 'Whole account' },
    ]);
    expect(changes['member.disabled']).toEqual([
      { field: 'status', before: 'invited', after: 'disabled' },
      { field: 'sessions_ended', before: null, after: 0 },
    ]);
    expect(changes['role.updated']).toEqual([
      { field: 'name', before: 'Auditor', after: 'Auditors' },
      { field: 'permissions', before: 'activity:read', after: 'usage:read, activity:read' },
    ]);
    expect(changes['team.ownership_transferred']).toEqual([{ field: 'owner', before: 'Ada Lovelace', after: expect.stringMatching(/^Member \d+$/) }]);
    expect(team.every((row) => row.actor_kind === 'user' && row.actor_name === 'Ada Lovelace')).toBe(true);
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(firstPassword);
    expect(everything).not.toContain(secondPassword);
    expect(everything).not.toMatch(/password_hash|\$argon2/);
  });

  async function subaccount(family: Family = owner): Promise<string> {
    const created = await family.browser.post(`/accounts/${family.apiKey}/subaccounts`, { name: 'Mine' });
    return created.json().api_key;
  }
});
