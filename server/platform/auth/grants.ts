import { sql, type SqlBool } from 'kysely';
import { permissionSchema } from '../../../contract/permission-schema.js';
import { builtInRoles, isBuiltInRole, type Permission } from '../../../contract/permissions.js';
import type { Db } from '../../db/database.js';
import type { Scope } from './scope.js';

/** What a console user may do (their role's permissions) and where (their scope). */
export interface Grant {
  roleId: string;
  roleName: string;
  permissions: ReadonlySet<Permission>;
  scope: Scope;
}

/**
 * The columns a grant is read from, for a query over `users` left-joined with the family's `roles`
 * on `roles.id = users.role_id`.
 */
export const grantColumns = [
  'users.id as user_id',
  'users.primary_api_key',
  'users.owner',
  'users.role_id',
  'users.scope_all',
  'roles.name as custom_role_name',
  'roles.permissions as custom_role_permissions',
] as const;

export interface GrantRow {
  user_id: string;
  primary_api_key: string;
  owner: number;
  role_id: string;
  scope_all: number;
  custom_role_name: string | null;
  custom_role_permissions: string | null;
}

const builtInGrants = new Map(
  Object.entries(builtInRoles).map(([id, role]) => [id, { name: role.name, permissions: new Set<Permission>(role.permissions) }]),
);

/**
 * The owner is an Administrator of the whole family whatever their row says; everyone else gets
 * their role's permissions (an unknown role grants nothing) and, unless scoped to the whole family,
 * only the subaccounts listed for them.
 */
export async function grantOf(db: Db, row: GrantRow): Promise<Grant> {
  const roleId = row.owner === 1 ? 'administrator' : row.role_id;
  const role = isBuiltInRole(roleId) ? builtInGrants.get(roleId)! : customRole(row);
  if (row.owner === 1 || row.scope_all === 1) return { roleId, roleName: role.name, permissions: role.permissions, scope: { kind: 'family', primary: row.primary_api_key } };
  const scoped = await db
    .selectFrom('user_scopes')
    .innerJoin('accounts', 'accounts.api_key', 'user_scopes.api_key')
    .select('user_scopes.api_key')
    .where('user_scopes.user_id', '=', row.user_id)
    // Written so that the planner starts from the member's scope rows (by user_scopes' key) and looks
    // each account up by its key, rather than reading the whole family through its index.
    .where(sql<SqlBool>`accounts.primary_api_key || '' = ${row.primary_api_key}`)
    .execute();
  return {
    roleId,
    roleName: role.name,
    permissions: role.permissions,
    scope: { kind: 'subaccounts', primary: row.primary_api_key, subaccounts: new Set(scoped.map((s) => s.api_key)) },
  };
}

function customRole(row: GrantRow): { name: string; permissions: ReadonlySet<Permission> } {
  if (row.custom_role_permissions === null) return { name: 'No role', permissions: new Set() };
  return { name: row.custom_role_name ?? 'Custom role', permissions: new Set(storedPermissions(row.custom_role_permissions)) };
}

/** A custom role's stored JSON list; a name no longer in contract/permissions.ts grants nothing. */
export function storedPermissions(json: string): Permission[] {
  const listed = JSON.parse(json) as unknown[];
  return listed.flatMap((value) => {
    const parsed = permissionSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}
