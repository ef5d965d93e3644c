import { Accounts } from '@vonage/accounts';
import { SubAccounts } from '@vonage/subaccounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCreditLimit, topUpByOperator } from '../account/operator.js';
import { verifyLedger } from '../../platform/ledger/verify-ledger.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { spend } from '../../testing/spend.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

/** Seed 003, "Using the Subaccounts API", with its amounts, through the official SDK. */
describe('a partner runs its end customers as subaccounts', () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.listen();
  });
  afterAll(() => t.close());

  it('creates, gives credit, tops up credit, settles the month, suspends and reactivates', async () => {
    const partner = await signUpVerified(t.app, t.ctx);
    const sdk = new SubAccounts({ apiKey: partner.apiKey, apiSecret: partner.apiSecret }, { apiHost: origin });
    await setCreditLimit(t.ctx, partner.apiKey, -100_000_000);
    expect(await spend(t.ctx, partner.apiKey, 22)).toBe(true);

    // One subaccount per end customer; at first they share the partner's balance.
    const customer1 = await sdk.createSubAccount({ name: 'End customer 1' });
    expect(customer1).toMatchObject({ name: 'End customer 1', usePrimaryAccountBalance: true, balance: null, creditLimit: null, suspended: false, primaryAccountApiKey: partner.apiKey });
    expect(customer1.apiKey).toMatch(/^[0-9a-f]{8}$/);
    expect((customer1 as unknown as { secret: string }).secret).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,25}$/);

    // It spent the shared balance; the partner gives it a balance of its own and 40 of credit.
    const own = await sdk.updateSubAccount(customer1.apiKey, { usePrimaryAccountBalance: false } as never);
    expect(own).toMatchObject({ usePrimaryAccountBalance: false, balance: 0, creditLimit: 0 });
    const firstCredit = await sdk.transferCredit({ from: partner.apiKey, to: customer1.apiKey, amount: '40', reference: 'initial credit' } as never);
    expect(firstCredit).toMatchObject({ amount: 40, from: partner.apiKey, to: customer1.apiKey, reference: 'initial credit' });
    expect(firstCredit.creditTransferId).toEqual(expect.any(String));

    expect(await spend(t.ctx, customer1.apiKey, 40)).toBe(true);
    expect(await spend(t.ctx, customer1.apiKey, 0.01)).toBe(false);

    let page = await sdk.getSubAccountPage();
    expect(page._embedded.primary_account).toMatchObject({ api_key: partner.apiKey, balance: -20, credit_limit: -60 });
    expect(page._embedded.subaccounts[0]).toMatchObject({ api_key: customer1.apiKey, balance: -40, credit_limit: -40 });

    // 40 = |-60| - |-20| available; the partner allocates 20 more.
    await expect(sdk.transferCredit({ from: partner.apiKey, to: customer1.apiKey, amount: '40.01' } as never)).rejects.toThrow(/403/);
    t.clock.advance(86_400_000);
    await sdk.transferCredit({ from: partner.apiKey, to: customer1.apiKey, amount: '20', reference: 'more credit' } as never);
    expect(await spend(t.ctx, customer1.apiKey, 10)).toBe(true);

    // Month end: the partner pays the €70 invoice, customer 1 pays 45 of its 50, passed on as balance.
    await topUpByOperator(t.ctx, partner.apiKey, 70_000_000, 'invoice 2026-10');
    const settled = await sdk.transferBalance({ from: partner.apiKey, to: customer1.apiKey, amount: 45, reference: 'October payment' });
    expect(settled).toMatchObject({ amount: 45, balanceTransferId: expect.any(String) });

    // Customer 2: own balance and 30 of credit; it spends 25 fast, is suspended, then reactivated.
    t.clock.advance(86_400_000);
    const customer2 = await sdk.createSubAccount({ name: 'End customer 2', usePrimaryAccountBalance: false, secret: 'Customer2Secret' });
    await sdk.transferCredit({ from: partner.apiKey, to: customer2.apiKey, amount: '30' } as never);
    expect(await spend(t.ctx, customer2.apiKey, 25)).toBe(true);
    const asCustomer2 = new Accounts({ apiKey: customer2.apiKey, apiSecret: 'Customer2Secret' }, { restHost: origin });
    expect((await asCustomer2.getBalance()).value).toBe(-25);

    expect(await sdk.updateSubAccount(customer2.apiKey, { suspended: true })).toMatchObject({ suspended: true });
    await expect(asCustomer2.getBalance()).rejects.toThrow(/401/);
    expect(await sdk.updateSubAccount(customer2.apiKey, { suspended: false })).toMatchObject({ suspended: false, balance: -25, creditLimit: -30 });
    expect((await asCustomer2.getBalance()).value).toBe(-25);

    page = await sdk.getSubAccountPage();
    expect(page._embedded.primary_account).toMatchObject({ balance: 5, credit_limit: -10 });
    expect(page._embedded.subaccounts.map((s: { api_key: string; balance: number | null; credit_limit: number | null }) => [s.api_key, s.balance, s.credit_limit])).toEqual([
      [customer1.apiKey, -5, -60],
      [customer2.apiKey, -25, -30],
    ]);
    expect(page.total_balance).toBe(-25);
    expect(page.total_credit_limit).toBe(-100);
    expect((await sdk.listSubAccounts()).map((s) => s.name)).toEqual(['End customer 1', 'End customer 2']);
    expect(await sdk.getPrimaryAccount()).toMatchObject({ apiKey: partner.apiKey, balance: 5 });

    // The history, whole and filtered by subaccount (the SDK sends the filter as `sub`).
    const startDate = '2020-01-01T00:00:00Z';
    const credits = await sdk.listCreditTransfers({ startDate });
    expect(credits.map((c) => c.amount)).toEqual([40, 20, 30]);
    expect(credits[0]).toMatchObject({ creditTransferId: firstCredit.creditTransferId, id: firstCredit.creditTransferId });
    expect((await sdk.listCreditTransfers({ startDate, sub: customer2.apiKey } as never)).map((c) => c.amount)).toEqual([30]);
    const balances = await sdk.listBalanceTransfers({ startDate, subaccount: customer1.apiKey } as never);
    expect(balances).toHaveLength(1);
    expect(balances[0]).toMatchObject({ amount: 45, reference: 'October payment', from: partner.apiKey, to: customer1.apiKey });

    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
  });
});
