import { parseArgs } from 'node:util';
import { eurosToMicros, microsToEuros } from '../../contract/money.js';
import type { AppContext } from '../context.js';
import { setCreditLimit, topUpByOperator } from '../modules/account/operator.js';
import { verifyLedger } from '../platform/ledger/verify-ledger.js';
import { asUsageErrors, CliUsageError } from './cli-error.js';

function euros(value: string | undefined, flag: string): number {
  const micros = value === undefined ? null : eurosToMicros(value);
  if (micros === null) throw new CliUsageError(`--${flag} must be an amount in EUR with at most 6 decimals`);
  return micros;
}

/** `--limit -100` reads as a flag followed by a value, not as two flags. */
function joinNegativeValues(args: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--') && !args[i].includes('=') && /^-\d/.test(args[i + 1] ?? '')) {
      joined.push(`${args[i]}=${args[i + 1]}`);
      i++;
    } else {
      joined.push(args[i]);
    }
  }
  return joined;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new CliUsageError(`--${flag} is required`);
  return value;
}

/** set-credit-limit --account KEY --limit -100 */
export async function setCreditLimitCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({ args: joinNegativeValues(args), options: { account: { type: 'string' }, limit: { type: 'string' } }, strict: true });
  const account = required(values.account, 'account');
  const limit = euros(values.limit, 'limit');
  return asUsageErrors(() => setCreditLimit(ctx, account, limit));
}

/** topup --account KEY --amount 50 [--reference R] */
export async function topUpCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({ args, options: { account: { type: 'string' }, amount: { type: 'string' }, reference: { type: 'string' } }, strict: true });
  const account = required(values.account, 'account');
  const amount = euros(values.amount, 'amount');
  return asUsageErrors(() => topUpByOperator(ctx, account, amount, values.reference ?? null));
}

export class LedgerMismatch extends Error {}

/** verify-ledger: one summary line; fails when any balance or the global invariant disagrees. */
export async function verifyLedgerCommand(ctx: AppContext): Promise<object> {
  const report = await verifyLedger(ctx.db);
  const summary = {
    ok: report.ok,
    accounts: report.accounts,
    entries: report.entries,
    money_in: microsToEuros(report.moneyInMicros),
    money_spent: microsToEuros(report.moneySpentMicros),
    sum_of_balances: microsToEuros(report.balancesMicros),
    mismatches: report.mismatches,
  };
  if (!report.ok) throw new LedgerMismatch(JSON.stringify(summary));
  return summary;
}
