import { builtInRoles, isBuiltInRole } from '../../../contract/permissions.js';
import { TEAM_MEMBER_LIMIT, TEMPORARY_PASSWORD_HOURS, type InviteMember, type Member, type MemberAccess, type MemberStatus } from '../../../contract/team.js';
import type { AppContext } from '../../context.js';
import { inTransaction, isUniqueViolation, type Db, type Tx } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import type { SessionActor } from '../../platform/auth/actor.js';
import { HOUR } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { hashSecret } from '../../platform/passwords.js';
import { fieldError, invalidInput, notFound, ProblemError } from '../../platform/problems.js';
import { invitationMail, newTemporaryPassword } from './invitation.js';
import { assertMayGive, assertMayManage, assertWholeFamily } from './manager.js';
import { findRole, type RoleGrant } from './roles.js';
import { lockTeam } from './team-lock.js';

type Executor = Db | Tx;

const memberColumns = [
  'users.id',
  'users.name',
  'users.email',
  'users.owner',
  'users.role_id',
  'users.scope_all',
  'users.temporary_password_expires_at',
  'users.disabled_at',
  'users.last_sign_in_at',
  'users.created_at',
  'roles.name as custom_role_name',
  'roles.permissions as custom_role_permissions',
] as const;

function membersQuery(executor: Executor, primaryApiKey: string) {
  return executor
    .selectFrom('users')
    .leftJoin('roles', (join) => join.onRef('roles.id', '=', 'users.role_id').onRef('roles.primary_api_key', '=', 'users.primary_api_key'))
    .select(memberColumns)
    .where('users.primary_api_key', '=', primaryApiKey);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof membersQuery>['executeTakeFirstOrThrow']>>;
type ScopeRow = { user_id: string; api_key: string; name: string };

function scopesQuery(executor: Executor, primaryApiKey: string) {
  return executor
    .selectFrom('user_scopes')
    .innerJoin('users', 'users.id', 'user_scopes.user_id')
    .innerJoin('accounts', 'accounts.api_key', 'user_scopes.api_key')
    .select(['user_scopes.user_id', 'accounts.api_key', 'accounts.name'])
    .where('users.primary_api_key', '=', primaryApiKey)
    .where('accounts.primary_api_key', '=', primaryApiKey)
    .orderBy('accounts.name')
    .orderBy('accounts.api_key');
}

const statusOf = (row: Pick<MemberRow, 'disabled_at' | 'temporary_password_expires_at'>): MemberStatus =>
  row.disabled_at !== null ? 'disabled' : row.temporary_password_expires_at !== null ? 'invited' : 'active';

function roleNameOf(row: MemberRow): string {
  if (row.owner === 1) return builtInRoles.administrator.name;
  if (isBuiltInRole(row.role_id)) return builtInRoles[row.role_id].name;
  return row.custom_role_name ?? 'No role';
}

function toMember(row: MemberRow, scopes: ScopeRow[]): Member {
  const family = row.owner === 1 || row.scope_all === 1;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    owner: row.owner === 1,
    role: { id: row.owner === 1 ? 'administrator' : row.role_id, name: roleNameOf(row) },
    scope: family ? 'family' : 'subaccounts',
    subaccounts: family ? [] : scopes.map(({ api_key, name }) => ({ api_key, name })),
    status: statusOf(row),
    invitation_expires_at: row.temporary_password_expires_at,
    last_sign_in_at: row.last_sign_in_at,
    created_at: row.created_at,
  };
}

/** Everyone in the family, the owner first, then by when they joined. */
export async function listMembers(db: Db, primaryApiKey: string): Promise<Member[]> {
  const [rows, scopes] = await Promise.all([
    membersQuery(db, primaryApiKey).orderBy('users.owner', 'desc').orderBy('users.created_at').orderBy('users.id').execute(),
    scopesQuery(db, primaryApiKey).execute(),
  ]);
  const byUser = new Map<string, ScopeRow[]>();
  for (const scope of scopes) {
    const listed = byUser.get(scope.user_id);
    if (listed) listed.push(scope);
    else byUser.set(scope.user_id, [scope]);
  }
  return rows.map((row) => toMember(row, byUser.get(row.id) ?? []));
}

export async function memberOf(executor: Executor, primaryApiKey: string, memberId: string): Promise<Member> {
  const row = await membersQuery(executor, primaryApiKey).where('users.id', '=', memberId).executeTakeFirst();
  if (!row) throw notFound('There is no such member in this account.');
  return toMember(row, await scopesQuery(executor, primaryApiKey).where('user_scopes.user_id', '=', memberId).execute());
}

/** The member a change is about, with their role's permissions (what managing them requires). */
export async function target(tx: Tx, primaryApiKey: string, memberId: string) {
  const member = await memberOf(tx, primaryApiKey, memberId);
  const role = await findRole(tx, primaryApiKey, member.role.id);
  return { member, permissions: role?.permissions ?? [] };
}

/** The role to give, which must exist in this family and hold nothing the manager lacks. */
async function roleToGive(tx: Tx, manager: SessionActor, primaryApiKey: string, roleId: string): Promise<RoleGrant> {
  const role = await findRole(tx, primaryApiKey, roleId);
  if (!role) throw fieldError('role_id', 'There is no such role in this account.');
  assertMayGive(manager, role.permissions, 'role_id');
  return role;
}

/** The chosen subaccounts, each of which must be a subaccount of this family. */
async function scopeToGive(tx: Tx, primaryApiKey: string, keys: readonly string[]): Promise<ScopeRow[]> {
  if (keys.length === 0) return [];
  const found = await tx
    .selectFrom('accounts')
    .select(['api_key', 'name'])
    .where('primary_api_key', '=', primaryApiKey)
    .where('api_key', '!=', primaryApiKey)
    .where('api_key', 'in', [...keys])
    .orderBy('name')
    .orderBy('api_key')
    .execute();
  const known = new Set(found.map((account) => account.api_key));
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw invalidInput([{ name: 'subaccounts', reason: `Not a subaccount of this account: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}` }]);
  }
  return found.map((account) => ({ user_id: '', ...account }));
}

const describeScope = (scope: Member['scope'], subaccounts: readonly { api_key: string; name: string }[]) =>
  scope === 'family' ? 'Whole account' : subaccounts.map((account) => `${account.name} (${account.api_key})`).join(', ');

async function writeScope(tx: Tx, memberId: string, subaccounts: readonly ScopeRow[]): Promise<void> {
  await tx.deleteFrom('user_scopes').where('user_id', '=', memberId).execute();
  if (subaccounts.length > 0) await tx.insertInto('user_scopes').values(subaccounts.map((account) => ({ user_id: memberId, api_key: account.api_key }))).execute();
}

const ownerProtected = (what: string) =>
  new ProblemError({
    status: 409,
    title: 'Owner protected',
    detail: `The owner of the account cannot be ${what}. The owner can hand ownership over to another active Administrator first.`,
  });

const emailTaken = () =>
  fieldError('email', 'This e-mail address already belongs to a Switchboard user: an address can belong to one member of one company.', 409);

/**
 * Adds a member with a temporary password valid for 72 hours, e-mailed to them in the same
 * transaction; at their first sign-in they must choose their own.
 */
export async function inviteMember(ctx: AppContext, manager: SessionActor, primary: Account, invitation: InviteMember, author: ActivityAuthor): Promise<Member> {
  assertWholeFamily(manager);
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashSecret(temporaryPassword);
  const memberId = newId();
  try {
    const member = await inTransaction(ctx.database, async (tx) => {
      await lockTeam(tx, ctx.database.dialect, primary.api_key);
      const role = await roleToGive(tx, manager, primary.api_key, invitation.role_id);
      const subaccounts = await scopeToGive(tx, primary.api_key, invitation.subaccounts);
      await assertRoomForOneMore(tx, primary.api_key);
      if (await tx.selectFrom('users').select('id').where('email', '=', invitation.email).executeTakeFirst()) throw emailTaken();
      const now = ctx.clock.now();
      const expiresAt = new Date(now.getTime() + TEMPORARY_PASSWORD_HOURS * HOUR).toISOString();
      await tx
        .insertInto('users')
        .values({
          id: memberId,
          primary_api_key: primary.api_key,
          email: invitation.email,
          name: invitation.name,
          password_hash: passwordHash,
          owner: 0,
          role_id: role.id,
          scope_all: invitation.scope === 'family' ? 1 : 0,
          must_change_password: 1,
          temporary_password_expires_at: expiresAt,
          created_at: now.toISOString(),
        })
        .execute();
      await writeScope(tx, memberId, subaccounts);
      await recordActivity(tx, ctx.clock, author, {
        kind: 'member.invited',
        primaryApiKey: primary.api_key,
        apiKey: null,
        objectId: memberId,
        changes: changesBetween(
          null,
          { name: invitation.name, email: invitation.email, role: role.name, scope: describeScope(invitation.scope, subaccounts), invitation_expires_at: expiresAt },
          ['name', 'email', 'role', 'scope', 'invitation_expires_at'],
        ),
      });
      await ctx.mailer.sendWithin(
        tx,
        invitationMail(ctx.config, {
          to: invitation.email,
          name: invitation.name,
          invitedBy: manager.name,
          companyName: primary.company_name,
          roleName: role.name,
          temporaryPassword,
          expiresAt,
        }),
      );
      return memberOf(tx, primary.api_key, memberId);
    });
    ctx.outbox.wake();
    return member;
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

async function assertRoomForOneMore(tx: Tx, primaryApiKey: string): Promise<void> {
  const { members } = await tx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('members'))
    .where('primary_api_key', '=', primaryApiKey)
    .executeTakeFirstOrThrow();
  if (Number(members) < TEAM_MEMBER_LIMIT) return;
  throw new ProblemError({
    status: 409,
    title: 'Team full',
    detail: `This account has ${TEAM_MEMBER_LIMIT} members, the most it can have: remove a member before inviting another.`,
    extensions: { member_limit: TEAM_MEMBER_LIMIT },
  });
}

/** A new temporary password, valid 72 hours from now: the previous one stops working at once, and so do the member's sessions. */
export async function resendInvitation(ctx: AppContext, manager: SessionActor, primary: Account, memberId: string, author: ActivityAuthor): Promise<Member> {
  assertWholeFamily(manager);
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashSecret(temporaryPassword);
  const member = await inTransaction(ctx.database, async (tx) => {
    await lockTeam(tx, ctx.database.dialect, primary.api_key);
    const { member: before, permissions } = await target(tx, primary.api_key, memberId);
    assertMayManage(manager, { name: before.name, permissions });
    if (before.status !== 'invited') {
      throw new ProblemError({
        status: 409,
        title: 'Not invited',
        detail:
          before.status === 'disabled'
            ? `${before.name} is disabled: enable them before sending the invitation again.`
            : `${before.name} has already chosen a password. If they forgot it, they can reset it from the sign-in page.`,
      });
    }
    const expiresAt = new Date(ctx.clock.now().getTime() + TEMPORARY_PASSWORD_HOURS * HOUR).toISOString();
    await tx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 1, temporary_password_expires_at: expiresAt }).where('id', '=', memberId).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', memberId).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'member.invitation_resent',
      primaryApiKey: primary.api_key,
      apiKey: null,
      objectId: memberId,
      changes: [{ field: 'invitation_expires_at', before: before.invitation_expires_at, after: expiresAt }],
    });
    await ctx.mailer.sendWithin(
      tx,
      invitationMail(ctx.config, {
        to: before.email,
        name: before.name,
        invitedBy: manager.name,
        companyName: primary.company_name,
        roleName: before.role.name,
        temporaryPassword,
        expiresAt,
      }),
    );
    return memberOf(tx, primary.api_key, memberId);
  });
  ctx.outbox.wake();
  return member;
}

/**
 * Gives a member another role or scope, in effect at their next request. The owner stays an
 * Administrator of the whole account; since nobody can demote the owner, the family always keeps
 * at least one Administrator.
 */
export async function changeAccess(ctx: AppContext, manager: SessionActor, primaryApiKey: string, memberId: string, access: MemberAccess, author: ActivityAuthor): Promise<Member> {
  assertWholeFamily(manager);
  return inTransaction(ctx.database, async (tx) => {
    await lockTeam(tx, ctx.database.dialect, primaryApiKey);
    const { member: before, permissions } = await target(tx, primaryApiKey, memberId);
    if (before.owner && (access.role_id !== 'administrator' || access.scope !== 'family')) throw ownerProtected('demoted or limited to some subaccounts');
    assertMayManage(manager, { name: before.name, permissions });
    const role = await roleToGive(tx, manager, primaryApiKey, access.role_id);
    const subaccounts = await scopeToGive(tx, primaryApiKey, access.subaccounts);
    await tx.updateTable('users').set({ role_id: role.id, scope_all: access.scope === 'family' ? 1 : 0 }).where('id', '=', memberId).execute();
    await writeScope(tx, memberId, subaccounts);
    const changes = changesBetween(
      { role: before.role.name, scope: describeScope(before.scope, before.subaccounts) },
      { role: role.name, scope: describeScope(access.scope, subaccounts) },
      ['role', 'scope'],
    );
    if (changes.length > 0) await recordActivity(tx, ctx.clock, author, { kind: 'member.access_changed', primaryApiKey, apiKey: null, objectId: memberId, changes });
    return memberOf(tx, primaryApiKey, memberId);
  });
}

/** Disables (or enables) a member; disabling ends every session of theirs at once. */
export async function setDisabled(ctx: AppContext, manager: SessionActor, primaryApiKey: string, memberId: string, disabled: boolean, author: ActivityAuthor): Promise<Member> {
  assertWholeFamily(manager);
  return inTransaction(ctx.database, async (tx) => {
    await lockTeam(tx, ctx.database.dialect, primaryApiKey);
    const { member: before, permissions } = await target(tx, primaryApiKey, memberId);
    if (before.owner) throw ownerProtected('disabled');
    assertMayManage(manager, { name: before.name, permissions });
    if ((before.status === 'disabled') === disabled) {
      throw new ProblemError({ status: 409, title: disabled ? 'Already disabled' : 'Not disabled', detail: `${before.name} is ${disabled ? 'already disabled' : 'not disabled'}.` });
    }
    await tx.updateTable('users').set({ disabled_at: disabled ? ctx.clock.now().toISOString() : null }).where('id', '=', memberId).execute();
    const ended = disabled ? await endSessions(tx, memberId) : 0;
    const after = await memberOf(tx, primaryApiKey, memberId);
    await recordActivity(tx, ctx.clock, author, {
      kind: disabled ? 'member.disabled' : 'member.enabled',
      primaryApiKey,
      apiKey: null,
      objectId: memberId,
      changes: [{ field: 'status', before: before.status, after: after.status }, ...(disabled ? [{ field: 'sessions_ended', before: null, after: ended }] : [])],
    });
    return after;
  });
}

/** Every table that keeps something of one user, besides their sessions: it goes with them. */
const userTables = ['user_scopes', 'recovery_codes', 'password_resets', 'email_changes', 'phone_changes', 'user_preferences'] as const;

/** Removes a member for good: their sessions end at once and their e-mail address can be invited again. */
export async function removeMember(ctx: AppContext, manager: SessionActor, primaryApiKey: string, memberId: string, author: ActivityAuthor): Promise<void> {
  assertWholeFamily(manager);
  await inTransaction(ctx.database, async (tx) => {
    await lockTeam(tx, ctx.database.dialect, primaryApiKey);
    const { member, permissions } = await target(tx, primaryApiKey, memberId);
    if (member.owner) throw ownerProtected('removed');
    assertMayManage(manager, { name: member.name, permissions });
    await endSessions(tx, memberId);
    for (const table of userTables) await tx.deleteFrom(table).where('user_id', '=', memberId).execute();
    await tx.deleteFrom('users').where('id', '=', memberId).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'member.removed',
      primaryApiKey,
      apiKey: null,
      objectId: memberId,
      changes: changesBetween({ name: member.name, email: member.email, role: member.role.name }, null, ['name', 'email', 'role']),
    });
  });
}

async function endSessions(tx: Tx, memberId: string): Promise<number> {
  const ended = await tx.deleteFrom('sessions').where('user_id', '=', memberId).executeTakeFirst();
  return Number(ended.numDeletedRows);
}
