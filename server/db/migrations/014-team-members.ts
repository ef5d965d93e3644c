import type { Kysely } from 'kysely';

/**
 * Team members' lifecycle: an invitation's temporary password stops working at
 * `temporary_password_expires_at` (null once the member chose their own), a disabled member cannot
 * sign in, and the list shows each member's last sign-in.
 */
export function teamMembers() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('temporary_password_expires_at', 'text').execute();
      await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
      await db.schema.alterTable('users').addColumn('last_sign_in_at', 'text').execute();
      await db.schema.createIndex('users_family').on('users').columns(['primary_api_key', 'created_at']).execute();
      await db.schema.createIndex('users_role').on('users').columns(['primary_api_key', 'role_id']).execute();
    },
  };
}
