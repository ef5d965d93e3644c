import type { z } from 'zod';
import type { Company, companyRequestSchema } from '../../../contract/company.js';
import type { TeamSecurity } from '../../../contract/profile.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { ProblemError } from '../../platform/problems.js';

type CompanyUpdate = z.output<typeof companyRequestSchema>;
const companyFields = ['company_name', 'address_line', 'city', 'postcode', 'country', 'vat_number'] as const;

const companyColumns = [
  'company_name',
  'address_line',
  'address_city as city',
  'address_postcode as postcode',
  'address_country as country',
  'vat_number',
] as const;

/** The company of the family (its primary account); `editable` for the owner and Administrators. */
export async function readCompany(ctx: AppContext, primaryApiKey: string, editable: boolean): Promise<Company> {
  const company = await ctx.db.selectFrom('accounts').select(companyColumns).where('api_key', '=', primaryApiKey).executeTakeFirstOrThrow();
  return { ...company, editable };
}

/** Name, address and VAT number (its format checked for its EU country by the contract's schema). */
export async function updateCompany(ctx: AppContext, primaryApiKey: string, update: CompanyUpdate, author: ActivityAuthor): Promise<Company> {
  await inTransaction(ctx.database, async (tx) => {
    const before = await tx.selectFrom('accounts').select(companyColumns).where('api_key', '=', primaryApiKey).executeTakeFirstOrThrow();
    const changes = changesBetween(before, update, companyFields);
    if (changes.length === 0) return;
    await tx
      .updateTable('accounts')
      .set({
        company_name: update.company_name,
        address_line: update.address_line,
        address_city: update.city,
        address_postcode: update.postcode,
        address_country: update.country,
        vat_number: update.vat_number,
      })
      .where('api_key', '=', primaryApiKey)
      .execute();
    await recordActivity(tx, ctx.clock, author, { kind: 'company.updated', primaryApiKey, apiKey: primaryApiKey, objectId: primaryApiKey, changes });
  });
  return readCompany(ctx, primaryApiKey, true);
}

export async function readTeamSecurity(ctx: AppContext, primaryApiKey: string): Promise<TeamSecurity> {
  const account = await ctx.db.selectFrom('accounts').select('require_two_factor').where('api_key', '=', primaryApiKey).executeTakeFirstOrThrow();
  return { require_two_factor: account.require_two_factor === 1 };
}

/**
 * The owner requires (or stops requiring) two-factor sign-in of every member: from their next
 * request, members without it are sent to turn it on before anything else works. The owner turns
 * it on first, so that the rule never locks its own author out mid-session.
 */
export async function setTwoFactorRequirement(ctx: AppContext, owner: { userId: string; primaryApiKey: string }, required: boolean, author: ActivityAuthor): Promise<TeamSecurity> {
  const user = await ctx.db.selectFrom('users').select('totp_secret').where('id', '=', owner.userId).executeTakeFirstOrThrow();
  if (required && user.totp_secret === null) {
    throw new ProblemError({
      status: 409,
      title: 'Turn on your own two-factor sign-in first',
      detail: 'Turn on two-factor sign-in for yourself before you require it of every member.',
      invalidParameters: [{ name: 'require_two_factor', reason: 'Turn on your own two-factor sign-in first' }],
    });
  }
  await inTransaction(ctx.database, async (tx) => {
    const before = await tx.selectFrom('accounts').select('require_two_factor').where('api_key', '=', owner.primaryApiKey).executeTakeFirstOrThrow();
    if ((before.require_two_factor === 1) === required) return;
    await tx.updateTable('accounts').set({ require_two_factor: required ? 1 : 0 }).where('api_key', '=', owner.primaryApiKey).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'security.two_factor_requirement_set',
      primaryApiKey: owner.primaryApiKey,
      apiKey: owner.primaryApiKey,
      objectId: owner.primaryApiKey,
      changes: [{ field: 'require_two_factor', before: !required, after: required }],
    });
  });
  return { require_two_factor: required };
}
