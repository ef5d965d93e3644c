import type { AppContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { phoneTaken } from '../../platform/accounts/accounts-repository.js';
import { userAuthor, type ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { newApiSecret, newId } from '../../platform/ids.js';
import { hashSecret } from '../../platform/passwords.js';
import { ProblemError } from '../../platform/problems.js';
import { createPrimaryAccount } from '../account/create-primary-account.js';

export interface VerifiedCompany {
  companyName: string;
  name: string;
  email: string;
  passwordHash: string;
  phone: string;
}

export interface RegisteredCompany {
  userId: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * Creates the primary account and its primary user for a company whose phone is verified.
 * `beforeCreate` runs first in the same transaction (e.g. spending the PIN). The activity log names
 * `createdBy` as the author, or else the new user.
 */
export async function registerCompany(
  ctx: AppContext,
  company: VerifiedCompany,
  beforeCreate: (tx: Tx) => Promise<void> = async () => {},
  createdBy?: ActivityAuthor,
): Promise<RegisteredCompany> {
  const apiSecret = newApiSecret();
  const apiSecretHash = await hashSecret(apiSecret);
  const userId = newId();
  const apiKey = await inTransaction(ctx.database, async (tx) => {
    await beforeCreate(tx);
    await assertEmailAndPhoneFree(tx, company.email, company.phone);
    const { apiKey } = await createPrimaryAccount(tx, ctx.clock, { companyName: company.companyName, phone: company.phone, apiSecretHash });
    await tx
      .insertInto('users')
      .values({
        id: userId,
        primary_api_key: apiKey,
        email: company.email,
        name: company.name,
        password_hash: company.passwordHash,
        phone: company.phone,
        owner: 1,
        must_change_password: 0,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await recordActivity(tx, ctx.clock, createdBy ?? userAuthor({ id: userId, name: company.name }, null), {
      kind: 'account.created',
      primaryApiKey: apiKey,
      apiKey,
      objectId: apiKey,
      changes: changesBetween(null, { company_name: company.companyName, name: company.name, email: company.email, phone: company.phone }, [
        'company_name',
        'name',
        'email',
        'phone',
      ]),
    });
    return apiKey;
  });
  return { userId, apiKey, apiSecret };
}

/** Which of the two already belongs to an account, if any (the e-mail is checked first). */
export async function registeredAs(db: Pick<AppContext, 'db'>['db'], email: string, phone: string): Promise<'email' | 'phone' | null> {
  if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) return 'email';
  return (await phoneTaken(db, phone)) ? 'phone' : null;
}

export async function assertEmailAndPhoneFree(db: Pick<AppContext, 'db'>['db'], email: string, phone: string): Promise<void> {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (user) {
    throw new ProblemError({
      status: 409,
      title: 'Already registered',
      detail: 'An account with this e-mail address already exists. Sign in, or reset your password.',
      invalidParameters: [{ name: 'email', reason: 'An account with this e-mail address already exists' }],
    });
  }
  if (await phoneTaken(db, phone)) {
    throw new ProblemError({
      status: 409,
      title: 'Already registered',
      detail: 'This phone number already belongs to an account. Each phone number can verify one account only.',
      invalidParameters: [{ name: 'phone', reason: 'This phone number already belongs to an account' }],
    });
  }
}
