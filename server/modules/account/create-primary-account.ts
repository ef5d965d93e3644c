import type { Tx } from '../../db/database.js';
import * as accounts from '../../platform/accounts/accounts-repository.js';
import type { Clock } from '../../platform/clock.js';
import { newApiKey } from '../../platform/ids.js';
import { storeSecret } from '../secrets/store-secret.js';
import { postLedgerEntry } from '../../platform/ledger/ledger.js';

export const TEST_CREDIT_MICROS = 2_000_000;

export interface NewPrimaryAccount {
  companyName: string;
  phone: string;
  apiSecretHash: string;
}

/** A verified sign-up becomes a primary account: key, first secret, €2 test credit, DEMO mode. */
export async function createPrimaryAccount(tx: Tx, clock: Clock, input: NewPrimaryAccount): Promise<{ apiKey: string }> {
  const apiKey = await unusedApiKey(tx);
  await tx
    .insertInto('accounts')
    .values({
      api_key: apiKey,
      primary_api_key: apiKey,
      name: input.companyName,
      company_name: input.companyName,
      phone: input.phone,
      use_primary_account_balance: 0,
      balance_micros: 0,
      credit_limit_micros: 0,
      suspended: 0,
      demo: 1,
      created_at: clock.now().toISOString(),
    })
    .execute();
  await storeSecret(tx, clock, { apiKey, primaryApiKey: apiKey, secretHash: input.apiSecretHash });
  await postLedgerEntry(tx, clock, {
    apiKey,
    primaryApiKey: apiKey,
    kind: 'test_credit',
    amountMicros: TEST_CREDIT_MICROS,
    reference: 'Welcome test credit',
    actor: 'system',
  });
  return { apiKey };
}

async function unusedApiKey(tx: Tx): Promise<string> {
  for (;;) {
    const candidate = newApiKey();
    if (!(await accounts.exists(tx, candidate))) return candidate;
  }
}
