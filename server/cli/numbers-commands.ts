import { parseArgs } from 'node:util';
import { numberFeatures, numberTypes, type NumberFeature, type NumberType } from '../../contract/numbers.js';
import { eurosToMicros } from '../../contract/money.js';
import type { AppContext } from '../context.js';
import { addNumbers } from '../modules/numbers/operator.js';
import { asUsageErrors, CliUsageError } from './cli-error.js';

/** add-numbers --country GB --type mobile-lvn --features SMS,VOICE --cost 0.90 [--setup 0] --count 500 */
export async function addNumbersCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({
    args,
    options: { country: { type: 'string' }, type: { type: 'string' }, features: { type: 'string' }, cost: { type: 'string' }, setup: { type: 'string' }, count: { type: 'string' } },
    strict: true,
  });
  const country = values.country?.toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country)) throw new CliUsageError('--country is required (ISO 3166-1 alpha-2, e.g. GB)');
  if (!numberTypes.includes(values.type as NumberType)) throw new CliUsageError(`--type must be one of ${numberTypes.join(', ')}`);
  const features = (values.features ?? '').split(',').map((f) => f.trim().toUpperCase());
  if (features.length === 0 || !features.every((f) => numberFeatures.includes(f as NumberFeature))) throw new CliUsageError(`--features is a comma-separated list of ${numberFeatures.join(', ')}`);
  const monthlyCostMicros = values.cost === undefined ? null : eurosToMicros(values.cost);
  if (monthlyCostMicros === null || monthlyCostMicros < 0) throw new CliUsageError('--cost is the monthly cost in EUR, e.g. 0.90');
  const setupPriceMicros = eurosToMicros(values.setup ?? '0');
  if (setupPriceMicros === null || setupPriceMicros < 0) throw new CliUsageError('--setup is the setup price in EUR, e.g. 5');
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new CliUsageError('--count is how many numbers to add (1 to 100000)');
  return asUsageErrors(() =>
    addNumbers(ctx, { country, type: values.type as NumberType, features: features as NumberFeature[], monthlyCostMicros, setupPriceMicros, count }),
  );
}
