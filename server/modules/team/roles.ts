import { builtInRoleIds, builtInRoles, isBuiltInRole, permissions as allPermissions, type Permission } from '../../../contract/permissions.js';
import type { Role, RoleRequest } from '../../../contract/team.js';
import type { AppContext } from '../../context.js';
import { inTransaction, isUniqueViolation, type Db, type Tx } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import type { SessionActor } from '../../platform/auth/actor.js';
import { storedPermissions } from '../../platform/auth/grants.js';
import { newId } from '../../platform/ids.js';
import { fieldError, notFound, ProblemError } from '../../platform/problems.js';
import { assertMayGive, assertMayManage, assertWholeFamily } from './manager.js';
import { lockTeam } from './team-lock.js';

export interface RoleGrant {
  id: string;
  name: string;
  permissions: Permission[];
}

/** A built-in role, or one of this family's custom roles; null when there is none by that id. */
export async function findRole(executor: Db | Tx, primaryApiKey: string, roleId: string): Promise<RoleGrant | null> {
  if (isBuiltInRole(roleId)) return { id: roleId, name: builtInRoles[roleId].name, permissions: [...builtInRoles[roleId].permissions] };
  const row = await executor
    .selectFrom('roles')
    .select(['id', 'name', 'permissions'])
    .where('id', '=', roleId)
    .where('primary_api_key', '=', primaryApiKey)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, permissions: storedPermissions(row.permissions) } : null;
}

/** Built-in roles first, then the family's own by name, each with how many members have it. */
export async function listRoles(db: Db, primaryApiKey: string): Promise<Role[]> {
  const [custom, counts] = await Promise.all([
    db.selectFrom('roles').select(['id', 'name', 'permissions']).where('primary_api_key', '=', primaryApiKey).orderBy('name').execute(),
    db
      .selectFrom('users')
      .select(['role_id', (eb) => eb.fn.countAll<number | string>().as('members')])
      .where('primary_api_key', '=', primaryApiKey)
      .groupBy('role_id')
      .execute(),
  ]);
  const members = new Map(counts.map((row) => [row.role_id, Number(row.members)]));
  return [
    ...builtInRoleIds.map((id) => ({ id, name: builtInRoles[id].name, permissions: [...builtInRoles[id].permissions], built_in: true, members: members.get(id) ?? 0 })),
    ...custom.map((row) => ({ id: row.id, name: row.name, permissions: storedPermissions(row.permissions), built_in: false, members: members.get(row.id) ?? 0 })),
  ];
}

export async function createRole(ctx: AppContext, manager: SessionActor, primaryApiKey: string, request: RoleRequest, author: ActivityAuthor): Promise<Role> {
  assertWholeFamily(manager);
  assertMayGive(manager, request.permissions, 'permissions');
  const id = newId();
  await withNameUnique(() =>
    inTransaction(ctx.database, async (tx) => {
      await lockTeam(tx, ctx.database.dialect, primaryApiKey);
      await assertNameFree(tx, primaryApiKey, request.name, null);
      await tx
        .insertInto('roles')
        .values({ id, primary_api_key: primaryApiKey, name: request.name, permissions: JSON.stringify(request.permissions), created_at: ctx.clock.now().toISOString() })
        .execute();
      await recordActivity(tx, ctx.clock, author, {
        kind: 'role.created',
        primaryApiKey,
        apiKey: null,
        objectId: id,
        changes: changesBetween(null, describe(request), ['name', 'permissions']),
      });
    }),
  );
  return { id, name: request.name, permissions: request.permissions, built_in: false, members: 0 };
}

/** Renames a custom role or changes its permissions; its members hold the new ones at their next request. */
export async function updateRole(ctx: AppContext, manager: SessionActor, primaryApiKey: string, roleId: string, request: RoleRequest, author: ActivityAuthor): Promise<Role> {
  assertWholeFamily(manager);
  assertMayGive(manager, request.permissions, 'permissions');
  const members = await withNameUnique(() =>
    inTransaction(ctx.database, async (tx) => {
      await lockTeam(tx, ctx.database.dialect, primaryApiKey);
      const role = await customRole(tx, primaryApiKey, roleId);
      assertMayManage(manager, role);
      await assertNameFree(tx, primaryApiKey, request.name, roleId);
      await tx.updateTable('roles').set({ name: request.name, permissions: JSON.stringify(request.permissions) }).where('id', '=', roleId).execute();
      const changes = changesBetween(describe(role), describe(request), ['name', 'permissions']);
      if (changes.length > 0) await recordActivity(tx, ctx.clock, author, { kind: 'role.updated', primaryApiKey, apiKey: null, objectId: roleId, changes });
      return membersWith(tx, primaryApiKey, roleId);
    }),
  );
  return { id: roleId, name: request.name, permissions: request.permissions, built_in: false, members };
}

export async function deleteRole(ctx: AppContext, manager: SessionActor, primaryApiKey: string, roleId: string, author: ActivityAuthor): Promise<void> {
  assertWholeFamily(manager);
  await inTransaction(ctx.database, async (tx) => {
    await lockTeam(tx, ctx.database.dialect, primaryApiKey);
    const role = await customRole(tx, primaryApiKey, roleId);
    assertMayManage(manager, role);
    const members = await membersWith(tx, primaryApiKey, roleId);
    if (members > 0) {
      throw new ProblemError({
        status: 409,
        title: 'Role in use',
        detail: `${role.name} is the role of ${members} ${members === 1 ? 'member' : 'members'}: give them another role before deleting it.`,
      });
    }
    await tx.deleteFrom('roles').where('id', '=', roleId).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'role.deleted',
      primaryApiKey,
      apiKey: null,
      objectId: roleId,
      changes: changesBetween(describe(role), null, ['name', 'permissions']),
    });
  });
}

async function customRole(tx: Tx, primaryApiKey: string, roleId: string): Promise<RoleGrant> {
  if (isBuiltInRole(roleId)) {
    throw new ProblemError({
      status: 409,
      title: 'Built-in role',
      detail: `${builtInRoles[roleId].name} is a built-in role and cannot be changed or deleted; build a custom role instead.`,
    });
  }
  const role = await findRole(tx, primaryApiKey, roleId);
  if (!role) throw notFound('There is no such role in this account.');
  return role;
}

async function membersWith(tx: Tx, primaryApiKey: string, roleId: string): Promise<number> {
  const row = await tx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('members'))
    .where('primary_api_key', '=', primaryApiKey)
    .where('role_id', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(row.members);
}

const nameTaken = () => fieldError('name', 'This account already has a role with this name.', 409);

/** Names are compared without case, and no custom role takes a built-in role's name. */
async function assertNameFree(tx: Tx, primaryApiKey: string, name: string, exceptRoleId: string | null): Promise<void> {
  const wanted = name.toLowerCase();
  if (builtInRoleIds.some((id) => builtInRoles[id].name.toLowerCase() === wanted)) throw nameTaken();
  const roles = await tx.selectFrom('roles').select(['id', 'name']).where('primary_api_key', '=', primaryApiKey).execute();
  if (roles.some((role) => role.id !== exceptRoleId && role.name.toLowerCase() === wanted)) throw nameTaken();
}

async function withNameUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

const describe = (role: { name: string; permissions: readonly Permission[] }) => ({
  name: role.name,
  permissions: allPermissions.filter((permission) => role.permissions.includes(permission)).join(', '),
});
