import { execFileSync } from 'node:child_process';

/**
 * The e2e server's database: playwright.config.ts makes a temporary directory per run and hands it
 * to its workers as SB_E2E_DIR; the server's DATABASE_URL is the e2e.db file inside it.
 */
export function e2eDatabaseUrl(): string {
  const dir = process.env.SB_E2E_DIR;
  if (!dir) throw new Error('SB_E2E_DIR is not set: run the specs through playwright.config.ts');
  return `sqlite:${dir}/e2e.db`;
}

/** Runs the operator CLI (`npm run admin -- …`) against the e2e server's database; returns its JSON line. */
export function runAdmin(args: string[]): unknown {
  const output = execFileSync('npm', ['run', '--silent', 'admin', '--', ...args], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: e2eDatabaseUrl() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? 'null');
}

/** A postpaid agreement: the account may go `limit` euros into debt (limit ≤ 0, e.g. -100). */
export function setCreditLimit(apiKey: string, limit: number): unknown {
  return runAdmin(['set-credit-limit', '--account', apiKey, '--limit', String(limit)]);
}
