import { parseArgs } from 'node:util';
import type { AppContext } from '../context.js';
import { InvalidRateError, parseUsdRate, setUsdRate } from '../modules/display-currency/exchange-rates.js';
import { CliUsageError } from './cli-error.js';

/** set-rate --usd 1.0832: US dollars per euro from today, for the console's USD display. */
export async function setRateCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({ args, options: { usd: { type: 'string' } }, strict: true });
  if (values.usd === undefined) throw new CliUsageError('--usd is required (US dollars per euro, e.g. 1.0832)');
  try {
    return await setUsdRate(ctx.db, ctx.clock, parseUsdRate(values.usd));
  } catch (error) {
    if (error instanceof InvalidRateError) throw new CliUsageError(error.message);
    throw error;
  }
}
