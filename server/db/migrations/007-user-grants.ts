import { sql, type Kysely } from 'kysely';

/**
 * What a console user may do and where: a role (built-in, named in contract/permissions.ts, or one
 * of the family's custom roles) and a scope (the whole family, or the subaccounts in user_scopes).
 * `users.role` ('owner' | 'member') becomes `owner`, the one user nobody can demote.
 */
export function userGrants() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('roles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('roles_family_name').unique().on('roles').columns(['primary_api_key', 'name']).execute();

      await db.schema.alterTable('users').addColumn('owner', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('users').addColumn('role_id', 'text', (c) => c.notNull().defaultTo('administrator')).execute();
      await db.schema.alterTable('users').addColumn('scope_all', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await sql`update users set owner = 1 where role = 'owner'`.execute(db);
      await db.schema.alterTable('users').dropColumn('role').execute();

      await db.schema
        .createTable('user_scopes')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('api_key', 'text', (c) => c.notNull().references('accounts.api_key'))
        .addPrimaryKeyConstraint('user_scopes_pk', ['user_id', 'api_key'])
        .execute();
    },
  };
}
