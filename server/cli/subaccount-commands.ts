import { parseArgs } from 'node:util';
import type { AppContext } from '../context.js';
import { setMaxSubaccounts } from '../modules/subaccounts/subaccounts.js';
import { ProblemError } from '../platform/problems.js';
import { CliUsageError } from './cli-error.js';

/** set-max-subaccounts --account KEY --max N   (or --max default) */
export async function setMaxSubaccountsCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({ args, options: { account: { type: 'string' }, max: { type: 'string' } }, strict: true });
  if (!values.account) throw new CliUsageError('--account is required');
  const max = values.max === 'default' ? null : Number(values.max);
  if (max !== null && (!Number.isSafeInteger(max) || max < 0)) throw new CliUsageError('--max must be a whole number ≥ 0, or "default"');
  try {
    return await setMaxSubaccounts(ctx, values.account, max);
  } catch (error) {
    if (error instanceof ProblemError) throw new CliUsageError(`No primary account with API key ${values.account}`);
    throw error;
  }
}
