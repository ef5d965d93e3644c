import { sql, type Kysely } from 'kysely';

/**
 * idempotency_keys.api_key held the key's owner, not an API key: a console user's keys were stored as
 * `user:<id>`. Renamed to `owner`, and the transfers' bare API keys written the way every owner now is
 * (`api_key:<key>`, as the ledger's actor), so one caller's keys stay one namespace.
 */
export function idempotencyKeyOwner() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('idempotency_keys').renameColumn('api_key', 'owner').execute();
      await sql`update idempotency_keys set owner = 'api_key:' || owner where owner not like '%:%'`.execute(db);
    },
  };
}
