import { MAX_SECRETS, type SecretInfo, type SecretList } from '../../../contract/secrets.js';
import type { AppContext } from '../../context.js';
import { inTransaction, lockFamilyAccounts } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import { newApiSecret } from '../../platform/ids.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { hashSecret } from '../../platform/passwords.js';
import { ProblemError } from '../../platform/problems.js';
import { storeSecret } from './store-secret.js';

const secretHref = (apiKey: string, id: string) => `/accounts/${apiKey}/secrets/${id}`;

function describeSecret(apiKey: string, row: { id: string; created_at: string }): SecretInfo {
  return { _links: { self: { href: secretHref(apiKey, row.id) } }, id: row.id, created_at: row.created_at };
}

export async function listSecrets(ctx: AppContext, account: Account): Promise<SecretList> {
  const rows = await ctx.db
    .selectFrom('api_secrets')
    .select(['id', 'created_at'])
    .where('api_key', '=', account.api_key)
    .orderBy('created_at')
    .execute();
  return {
    _links: { self: { href: `/accounts/${account.api_key}/secrets` } },
    _embedded: { secrets: rows.map((row) => describeSecret(account.api_key, row)) },
  };
}

export async function getSecret(ctx: AppContext, account: Account, secretId: string): Promise<SecretInfo> {
  const row = await ctx.db
    .selectFrom('api_secrets')
    .select(['id', 'created_at'])
    .where('api_key', '=', account.api_key)
    .where('id', '=', secretId)
    .executeTakeFirst();
  if (!row) throw invalidSecretId(secretId);
  return describeSecret(account.api_key, row);
}

/** Adds a secret (at most two per account, so that rotation never needs downtime). */
export async function createSecret(ctx: AppContext, account: Account, plain: string, author: ActivityAuthor): Promise<SecretInfo> {
  const secretHash = await hashSecret(plain);
  const row = await inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, account.primary_api_key, [account.api_key]);
    const { count } = await tx
      .selectFrom('api_secrets')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('api_key', '=', account.api_key)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_SECRETS) {
      throw new ProblemError({
        status: 403,
        type: 'https://developer.nexmo.com/api-errors/account/secret-management#add-excess-secret',
        title: 'Secret Addition Forbidden',
        detail: `Account reached maximum number [${MAX_SECRETS}] of allowed secrets`,
      });
    }
    const stored = await storeSecret(tx, ctx.clock, { apiKey: account.api_key, primaryApiKey: account.primary_api_key, secretHash });
    await recordActivity(tx, ctx.clock, author, { kind: 'secret.created', primaryApiKey: account.primary_api_key, apiKey: account.api_key, objectId: stored.id });
    return stored;
  });
  return describeSecret(account.api_key, row);
}

export async function generateSecret(ctx: AppContext, account: Account, author: ActivityAuthor): Promise<SecretInfo & { secret: string }> {
  const secret = newApiSecret();
  return { ...(await createSecret(ctx, account, secret, author)), secret };
}

/** Revokes a secret; the last one never goes, or the account could not call the API at all. */
export async function revokeSecret(ctx: AppContext, account: Account, secretId: string, author: ActivityAuthor): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    await lockFamilyAccounts(tx, ctx.database.dialect, account.primary_api_key, [account.api_key]);
    const rows = await tx.selectFrom('api_secrets').select('id').where('api_key', '=', account.api_key).execute();
    if (!rows.some((row) => row.id === secretId)) throw invalidSecretId(secretId);
    if (rows.length <= 1) {
      throw new ProblemError({
        status: 403,
        type: 'https://developer.nexmo.com/api-errors/account/secret-management#delete-last-secret',
        title: 'Secret Deletion Forbidden',
        detail: 'Can not delete the last secret. The account must always have at least 1 secret active at any time',
      });
    }
    await tx.deleteFrom('api_secrets').where('id', '=', secretId).where('api_key', '=', account.api_key).execute();
    await recordActivity(tx, ctx.clock, author, { kind: 'secret.revoked', primaryApiKey: account.primary_api_key, apiKey: account.api_key, objectId: secretId });
  });
}

function invalidSecretId(secretId: string): ProblemError {
  return new ProblemError({
    status: 404,
    type: 'https://developer.nexmo.com/api-errors#invalid-id',
    title: 'Invalid ID',
    detail: `ID '${secretId}' could not be found`,
  });
}
