import type { Kysely } from 'kysely';

/**
 * TOTP two-factor sign-in: the confirmed secret, one being enrolled, the last time step accepted (a
 * code works once), and ten single-use recovery codes kept as hashes. Sessions remember the browser.
 */
export function twoFactor() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
      await db.schema
        .createTable('recovery_codes')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
        .execute();
      await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
    },
  };
}
