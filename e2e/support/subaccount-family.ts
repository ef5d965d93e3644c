import { expect, type APIRequestContext } from '@playwright/test';
import type { CreatedAccount } from './accounts.js';

// A partner's family made through the public Subaccounts API, as an integrator's backend would.

export interface CreatedSubaccount {
  apiKey: string;
  name: string;
  ownBalance: boolean;
}

function basic(account: Pick<CreatedAccount, 'apiKey' | 'apiSecret'>) {
  return { authorization: `Basic ${Buffer.from(`${account.apiKey}:${account.apiSecret}`).toString('base64')}` };
}

export async function createSubaccountViaApi(
  request: APIRequestContext,
  primary: CreatedAccount,
  name: string,
  ownBalance: boolean,
): Promise<CreatedSubaccount> {
  const response = await request.post(`/accounts/${primary.apiKey}/subaccounts`, {
    headers: basic(primary),
    data: { name, use_primary_account_balance: !ownBalance },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const { api_key } = (await response.json()) as { api_key: string };
  return { apiKey: api_key, name, ownBalance };
}

export async function suspendViaApi(request: APIRequestContext, primary: CreatedAccount, subKey: string) {
  const response = await request.patch(`/accounts/${primary.apiKey}/subaccounts/${subKey}`, {
    headers: basic(primary),
    data: { suspended: true },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

export async function transferViaApi(
  request: APIRequestContext,
  primary: CreatedAccount,
  kind: 'credit' | 'balance',
  transfer: { from: string; to: string; amount: number; reference?: string },
) {
  const response = await request.post(`/accounts/${primary.apiKey}/${kind}-transfers`, {
    headers: basic(primary),
    data: transfer,
  });
  expect(response.ok(), await response.text()).toBe(true);
}

export async function addSecretViaApi(request: APIRequestContext, account: CreatedAccount, secret: string) {
  const response = await request.post(`/accounts/${account.apiKey}/secrets`, { headers: basic(account), data: { secret } });
  expect(response.ok(), await response.text()).toBe(true);
}
