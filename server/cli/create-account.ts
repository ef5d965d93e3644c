import { parseArgs } from 'node:util';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { emailSchema, passwordSchema } from '../../contract/password.js';
import type { AppContext } from '../context.js';
import { registerCompany } from '../modules/identity/register-company.js';
import { operatorAuthor } from '../platform/activity/author.js';
import { hashSecret } from '../platform/passwords.js';
import { ProblemError } from '../platform/problems.js';
import { CliUsageError } from './cli-error.js';

const optionsSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  company: z.string().trim().min(1, 'is required').max(120),
  phone: z.string().refine((value) => parsePhoneNumberFromString(value)?.isValid() === true, 'must be a valid number in E.164 form, e.g. +447400123456'),
  name: z.string().trim().min(1).max(120).optional(),
});

/** create-account --email E --password P --company C --phone +447400123456 [--name N] */
export async function createAccountCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, company: { type: 'string' }, phone: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    throw new CliUsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  const { email, password, company, phone, name } = parsed.data;
  try {
    const registered = await registerCompany(ctx, {
      companyName: company,
      name: name ?? company,
      email,
      passwordHash: await hashSecret(password),
      phone: parsePhoneNumberFromString(phone)!.number,
    }, undefined, operatorAuthor);
    return { api_key: registered.apiKey, api_secret: registered.apiSecret };
  } catch (error) {
    if (error instanceof ProblemError) throw new CliUsageError(error.message);
    throw error;
  }
}
