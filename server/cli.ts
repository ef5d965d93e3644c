import { buildContext } from './context-factory.js';
import { readConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { CliUsageError } from './cli/cli-error.js';
import { LedgerMismatch, setCreditLimitCommand, topUpCommand, verifyLedgerCommand } from './cli/account-commands.js';
import { refundCommand, settleBankTransferCommand } from './cli/billing-commands.js';
import { createAccountCommand } from './cli/create-account.js';
import { jobsCommand } from './cli/jobs-command.js';
import { addNumbersCommand } from './cli/numbers-commands.js';
import { setRateCommand } from './cli/set-rate-command.js';
import { setMaxSubaccountsCommand } from './cli/subaccount-commands.js';
import type { AppContext } from './context.js';

const commands: Record<string, (ctx: AppContext, args: string[]) => Promise<object>> = {
  'create-account': createAccountCommand,
  'set-credit-limit': setCreditLimitCommand,
  topup: topUpCommand,
  'verify-ledger': verifyLedgerCommand,
  'set-max-subaccounts': setMaxSubaccountsCommand,
  jobs: jobsCommand,
  'set-rate': setRateCommand,
  'settle-bank-transfer': settleBankTransferCommand,
  refund: refundCommand,
  'add-numbers': addNumbersCommand,
};

const usage = `Switchboard operator CLI

  npm run --silent admin -- create-account --email E --password P --company C --phone +447400123456 [--name N]
  npm run --silent admin -- set-credit-limit --account KEY --limit -100      (EUR, ≤ 0: a postpaid agreement)
  npm run --silent admin -- topup --account KEY --amount 50 [--reference R] (a received bank transfer; ends DEMO)
  npm run --silent admin -- verify-ledger                                   (exit 0 only when the ledger matches)
  npm run --silent admin -- set-max-subaccounts --account KEY --max 5000    (or --max default)
  npm run --silent admin -- jobs [--limit 20]                               (recent job runs, their outcome or error)
  npm run --silent admin -- set-rate --usd 1.0832                           (US dollars per euro, from today; display only)
  npm run --silent admin -- settle-bank-transfer --reference SB-… --amount 50 (a customer's awaited transfer arrived; once)
  npm run --silent admin -- refund --payment ID [--amount 5] [--force]      (never below the credit limit unless --force)
  npm run --silent admin -- add-numbers --country GB --type mobile-lvn --features SMS,VOICE --cost 0.90 [--setup 0] --count 500

Uses DATABASE_URL like the server; prints one JSON line on success.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `Unknown command "${name}".\n\n` : ''}${usage}\n`);
    return 2;
  }
  const config = readConfig();
  const database = await openDatabase(config.DATABASE_URL);
  try {
    await migrate(database);
    const result = await command(buildContext(config, database), args);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof LedgerMismatch) {
      process.stdout.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
