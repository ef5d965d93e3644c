import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { addCard, addedCardId, address, approvePayPal, testCards, tokenise, topUp } from './billing-test-helpers.js';

type Family = Awaited<ReturnType<typeof signUpVerified>>;

describe('billing: payment methods, top-ups and the history', () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({ logStream: { write: (line) => void logLines.push(line) }, config: { NODE_ENV: 'development', LOG_LEVEL: 'info' } });
  });
  afterAll(() => t.close());

  const family = () => signUpVerified(t.app, t.ctx);
  const account = (apiKey: string) => t.ctx.db.selectFrom('accounts').select(['balance_micros', 'demo']).where('api_key', '=', apiKey).executeTakeFirstOrThrow();
  const payments = (apiKey: string) => t.ctx.db.selectFrom('payments').selectAll().where('primary_api_key', '=', apiKey).execute();
  const ledger = (apiKey: string) => t.ctx.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('api_key', '=', apiKey).where('kind', 'like', 'payment%').execute();

  describe('the sandbox hosted field', () => {
    it('tokenises a card: only a token, brand, last 4, expiry and fingerprint come back', async () => {
      const { browser } = await family();
      const token = await tokenise(browser, '4242 4242 4242 4242');
      expect(token.statusCode).toBe(201);
      expect(Object.keys(token.json()).sort()).toEqual(['brand', 'exp_month', 'exp_year', 'fingerprint', 'last4', 'token']);
      expect(token.json()).toMatchObject({ brand: 'Visa', last4: '4242', exp_month: 12, exp_year: 2030 });
      expect((await tokenise(browser, testCards.visa)).json().fingerprint).toBe(token.json().fingerprint);
      expect((await tokenise(browser, testCards.mastercard)).json().fingerprint).not.toBe(token.json().fingerprint);
    });

    it('refuses a number failing the Luhn check, a past expiry and a bad CVC, each by its field', async () => {
      const { browser } = await family();
      const refused = await tokenise(browser, '4242424242424241', { expiry: '12/25', cvc: '12' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().invalid_parameters.map((p: { name: string }) => p.name)).toEqual(['number', 'expiry', 'cvc']);
    });
  });

  describe('payment methods', () => {
    let owner: Family;
    beforeAll(async () => {
      owner = await family();
    });

    it('stores a card with its billing address; the first becomes the default', async () => {
      const added = await addCard(owner.browser, testCards.visa);
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ type: 'card', label: 'Visa •••• 4242', last4: '4242', exp_month: 12, exp_year: 2030, is_default: true, billing_city: 'London' });
      t.clock.advance(1000);
      const second = await addCard(owner.browser, testCards.mastercard);
      expect(second.json()).toMatchObject({ label: 'Mastercard •••• 4444', is_default: false });
      const list = (await owner.browser.get('/api/billing/payment-methods')).json();
      expect(list.methods.map((m: { label: string }) => m.label)).toEqual(['Visa •••• 4242', 'Mastercard •••• 4444']);
      expect(list.processor).toEqual({ processor: 'sandbox', tokenize_url: '/sandbox-processor/v1/tokens' });
    });

    it('requires the billing address', async () => {
      const token = (await tokenise(owner.browser, '4111111111111111')).json().token;
      const refused = await owner.browser.post('/api/billing/payment-methods/cards', { token, ...address, billing_city: '', billing_country: 'Great Britain' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().invalid_parameters.map((p: { name: string }) => p.name).sort()).toEqual(['billing_city', 'billing_country']);
    });

    it('refuses the same card again, and on a second Switchboard account with a clear message', async () => {
      const again = await addCard(owner.browser, testCards.visa);
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('This card is already saved to your account.');
      const other = await family();
      const elsewhere = await addCard(other.browser, testCards.visa);
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.json().detail).toMatch(/already used by another Switchboard account.*one account only/);
      expect(elsewhere.json().invalid_parameters[0].name).toBe('number');
      expect((await other.browser.get('/api/billing/payment-methods')).json().methods).toEqual([]);
    });

    it('makes another method the default, and deleting the default passes it on', async () => {
      const { methods } = (await owner.browser.get('/api/billing/payment-methods')).json();
      const [visa, mastercard] = methods;
      expect((await owner.browser.post(`/api/billing/payment-methods/${mastercard.id}/default`)).json().is_default).toBe(true);
      expect((await owner.browser.delete(`/api/billing/payment-methods/${mastercard.id}`)).statusCode).toBe(204);
      const left = (await owner.browser.get('/api/billing/payment-methods')).json().methods;
      expect(left).toMatchObject([{ id: visa.id, is_default: true }]);
      expect((await owner.browser.delete(`/api/billing/payment-methods/${mastercard.id}`)).statusCode).toBe(404);
      const kinds = await t.ctx.db.selectFrom('activity_entries').select('kind').where('primary_api_key', '=', owner.apiKey).where('kind', 'like', 'payment_method.%').execute();
      expect(kinds.map((k) => k.kind).sort()).toEqual(['payment_method.added', 'payment_method.added', 'payment_method.default_set', 'payment_method.removed']);
    });

    it('a deleted card can be stored by another account', async () => {
      const other = await family();
      const mine = await addedCardId(owner.browser, '4000056655665556');
      expect((await addCard(other.browser, '4000056655665556')).statusCode).toBe(409);
      await owner.browser.delete(`/api/billing/payment-methods/${mine}`);
      expect((await addCard(other.browser, '4000056655665556')).statusCode).toBe(201);
    });
  });

  describe('PayPal', () => {
    it('redirects to the approve page and back, then stores the account; a second Switchboard account is refused', async () => {
      const owner = await family();
      const started = await owner.browser.post('/api/billing/payment-methods/paypal');
      const page = await owner.browser.get(started.json().approve_url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Agree and continue');

      const session = await approvePayPal(owner.browser, 'Grace@Example.com');
      const stored = await owner.browser.post('/api/billing/payment-methods/paypal/complete', { paypal_session: session, ...address });
      expect(stored.statusCode).toBe(201);
      expect(stored.json()).toMatchObject({ type: 'paypal', label: 'PayPal grace@example.com', paypal_email: 'grace@example.com', is_default: true });
      const replayed = await owner.browser.post('/api/billing/payment-methods/paypal/complete', { paypal_session: session, ...address });
      expect(replayed.statusCode).toBe(422);

      const other = await family();
      const again = await approvePayPal(other.browser, 'grace@example.com');
      const refused = await other.browser.post('/api/billing/payment-methods/paypal/complete', { paypal_session: again, ...address });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toMatch(/PayPal account is already used by another Switchboard account/);

      const topped = await topUp(owner.browser, stored.json().id, 15, 'paypal-1');
      expect(topped.statusCode).toBe(200);
      expect(topped.json()).toMatchObject({ balance: 17, demo: false, payment: { method_type: 'paypal', status: 'settled' } });
    });

    it('a denied approval stores nothing', async () => {
      const owner = await family();
      const session = await approvePayPal(owner.browser, '', 'deny');
      const refused = await owner.browser.post('/api/billing/payment-methods/paypal/complete', { paypal_session: session, ...address });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().invalid_parameters[0]).toMatchObject({ name: 'paypal_session', reason: expect.stringMatching(/cancelled at PayPal/) });
    });
  });

  describe('one-click top-up', () => {
    it('settles: the balance, the ledger entry and the payment row move together, DEMO ends, history shows it', async () => {
      const owner = await family();
      const card = await addedCardId(owner.browser, testCards.visa.replace('4242424242424242', '4012888888881881'));
      expect(await account(owner.apiKey)).toEqual({ balance_micros: 2_000_000, demo: 1 });
      const paid = await topUp(owner.browser, card, 20, 'first');
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toMatchObject({ balance: 22, demo: false, payment: { amount: 20, status: 'settled', method_type: 'card', method_label: 'Visa •••• 1881', failure: null } });
      expect(await account(owner.apiKey)).toEqual({ balance_micros: 22_000_000, demo: 0 });
      expect(await ledger(owner.apiKey)).toEqual([{ kind: 'payment', amount_micros: 20_000_000 }]);
      const history = (await owner.browser.get('/api/billing/payments')).json().payments;
      expect(history).toMatchObject([{ id: paid.json().payment.id, amount: 20, status: 'settled', method_label: 'Visa •••• 1881' }]);
      expect(history[0].settled_at).toBe(t.clock.now().toISOString());
      const activity = await t.ctx.db.selectFrom('activity_entries').select(['kind', 'changes']).where('primary_api_key', '=', owner.apiKey).where('kind', '=', 'payment.made').execute();
      expect(JSON.parse(activity[0].changes)).toContainEqual({ field: 'balance', before: 2, after: 22 });
    });

    it('needs an Idempotency-Key, and takes €10 to €10 000 in whole cents', async () => {
      const owner = await family();
      const card = await addedCardId(owner.browser, '5105105105105100');
      const noKey = await topUp(owner.browser, card, 20, null);
      expect(noKey.statusCode).toBe(422);
      expect(noKey.json().invalid_parameters).toEqual([{ name: 'Idempotency-Key', reason: 'Required' }]);
      for (const amount of [9.99, 10_000.01, 12.345]) {
        const refused = await topUp(owner.browser, card, amount, `amount-${amount}`);
        expect(refused.statusCode).toBe(422);
        expect(refused.json().invalid_parameters[0].name).toBe('amount');
      }
      expect((await topUp(owner.browser, card, 10_000, 'max')).statusCode).toBe(200);
      expect((await topUp(owner.browser, 'no-such-method', 20, 'gone')).json().invalid_parameters[0].name).toBe('method_id');
      expect(await payments(owner.apiKey)).toHaveLength(1);
    });

    it('applies a key once: a retry replays, concurrent twins pay once, another body with the key is a 422', async () => {
      const owner = await family();
      const card = await addedCardId(owner.browser, '4000002760003184');
      const twins = await Promise.all(Array.from({ length: 5 }, () => topUp(owner.browser, card, 25, 'twin-key')));
      expect(twins.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(twins.map((r) => r.json().payment.id)).size).toBe(1);
      const retry = await topUp(owner.browser, card, 25, 'twin-key');
      expect(retry.json().payment.id).toBe(twins[0].json().payment.id);
      expect(retry.json().balance).toBe(27);
      expect((await topUp(owner.browser, card, 30, 'twin-key')).statusCode).toBe(422);
      expect(await account(owner.apiKey)).toMatchObject({ balance_micros: 27_000_000 });
      expect(await ledger(owner.apiKey)).toHaveLength(1);
      const charges = await t.ctx.db.selectFrom('sandbox_charges').select('id').where('idempotency_key', '=', twins[0].json().payment.id).execute();
      expect(charges).toHaveLength(1);
    });

    it("the sandbox charges in the payment's transaction: a request that fails after the charge leaves neither, and its retry pays once", async () => {
      const owner = await family();
      const card = await addedCardId(owner.browser, '4000000560000004');
      const sandbox = t.ctx.payments;
      const chargeInTransaction = sandbox.chargeInTransaction!;
      sandbox.chargeInTransaction = async (tx, request) => {
        await chargeInTransaction(tx, request);
        throw new Error('the request died after the charge');
      };
      try {
        expect((await topUp(owner.browser, card, 15, 'dies')).statusCode).toBe(500);
      } finally {
        sandbox.chargeInTransaction = chargeInTransaction;
      }
      expect(await payments(owner.apiKey)).toEqual([]);
      expect(await t.ctx.db.selectFrom('sandbox_charges').select('id').where('source', '=', (await t.ctx.db.selectFrom('payment_methods').select('processor_ref').where('id', '=', card).executeTakeFirstOrThrow()).processor_ref).execute()).toEqual([]);
      const retry = await topUp(owner.browser, card, 15, 'dies');
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toMatchObject({ balance: 17, demo: false, payment: { status: 'settled' } });
      expect(await ledger(owner.apiKey)).toHaveLength(1);
      expect(await t.ctx.db.selectFrom('sandbox_charges').select('id').where('idempotency_key', '=', retry.json().payment.id).execute()).toHaveLength(1);
    });

    it('declined for insufficient funds (retryable) or do not honour (never retry): recorded as failed, no money moves, DEMO stays', async () => {
      const owner = await family();
      const poor = await addedCardId(owner.browser, testCards.insufficientFunds);
      const refused = await addedCardId(owner.browser, testCards.doNotHonour);
      const first = await topUp(owner.browser, poor, 20, 'poor');
      expect(first.statusCode).toBe(402);
      expect(first.json()).toMatchObject({ title: 'Payment declined', payment: { status: 'failed', failure: { code: 'insufficient_funds', retryable: true } } });
      expect(first.json().detail).toMatch(/insufficient funds/);
      const second = await topUp(owner.browser, refused, 20, 'refused');
      expect(second.json().payment.failure).toMatchObject({ code: 'do_not_honor', retryable: false });
      expect((await topUp(owner.browser, refused, 20, 'refused')).statusCode).toBe(402);
      expect(await account(owner.apiKey)).toEqual({ balance_micros: 2_000_000, demo: 1 });
      expect(await ledger(owner.apiKey)).toEqual([]);
      expect((await owner.browser.get('/api/billing/payments')).json().payments.map((p: { status: string }) => p.status)).toEqual(['failed', 'failed']);
    });

    it('held for review: pending at first, settled or failed by the reconcile job 30 minutes later', async () => {
      const owner = await family();
      const settles = await addedCardId(owner.browser, testCards.reviewSettles);
      const declines = await addedCardId(owner.browser, testCards.reviewDeclines);
      const pending = await topUp(owner.browser, settles, 40, 'review-1');
      expect(pending.statusCode).toBe(202);
      expect(pending.json()).toMatchObject({ balance: 2, demo: true, payment: { status: 'pending' } });
      expect((await topUp(owner.browser, declines, 50, 'review-2')).json().payment.status).toBe('pending');

      t.clock.advance(10 * MINUTE);
      await t.jobs.runDue();
      expect((await payments(owner.apiKey)).map((p) => p.status)).toEqual(['pending', 'pending']);
      t.clock.advance(25 * MINUTE);
      await t.jobs.runDue();
      const done = Object.fromEntries((await payments(owner.apiKey)).map((p) => [p.amount_micros, p]));
      expect(done[40_000_000]).toMatchObject({ status: 'settled', balance_after_micros: 42_000_000 });
      expect(done[50_000_000]).toMatchObject({ status: 'failed', failure_code: 'review_declined', retryable: 0 });
      expect(await account(owner.apiKey)).toEqual({ balance_micros: 42_000_000, demo: 0 });
      const retry = await topUp(owner.browser, settles, 40, 'review-1');
      expect(retry.statusCode).toBe(200);
      expect(retry.json().balance).toBe(42);
    });

    it('finishes a payment whose request died while the processor charged', async () => {
      const owner = await family();
      const card = await addedCardId(owner.browser, '4000003800000446');
      const now = t.clock.now().toISOString();
      await t.ctx.db
        .insertInto('payments')
        .values({
          id: 'died-mid-charge',
          primary_api_key: owner.apiKey,
          method_id: card,
          method_type: 'card',
          method_label: 'Visa •••• 0446',
          amount_micros: 30_000_000,
          status: 'processing',
          processor_ref: null,
          failure_code: null,
          failure_message: null,
          retryable: null,
          reference: null,
          balance_after_micros: null,
          idempotency_owner: 'user:test',
          idempotency_key: 'died',
          request_hash: 'x',
          initiated_by: 'user:test',
          created_at: now,
          updated_at: now,
          settled_at: null,
        })
        .execute();
      t.clock.advance(5 * MINUTE);
      await t.jobs.runDue();
      expect(await t.ctx.db.selectFrom('payments').select('status').where('id', '=', 'died-mid-charge').executeTakeFirstOrThrow()).toEqual({ status: 'settled' });
      expect(await account(owner.apiKey)).toMatchObject({ balance_micros: 32_000_000 });
    });
  });

  it('never logs or stores a card number or a CVC', async () => {
    const owner = await family();
    const number = '4000000760000002';
    const cvc = '4917';
    const token = await tokenise(owner.browser, number, { cvc });
    expect(token.statusCode).toBe(201);
    const card = (await owner.browser.post('/api/billing/payment-methods/cards', { token: token.json().token, ...address })).json().id;
    expect((await topUp(owner.browser, card, 20, 'grep-me')).statusCode).toBe(200);
    await tokenise(owner.browser, number.slice(0, 15) + '1', { cvc });

    // PostgreSQL lists every test file's schema: read only this database's own tables.
    const tables = (await t.ctx.db.introspection.getTables()).filter((table) => table.schema === t.ctx.database.schema);
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['payments', 'payment_methods']));
    const leaks: string[] = [];
    for (const table of tables) {
      const rows = await t.ctx.db.selectFrom(table.name as 'accounts').selectAll().execute();
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          const text = String(value);
          if (text.includes(number) || text.includes(number.slice(0, 15)) || text === cvc) leaks.push(`${table.name}.${column}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(logLines.length).toBeGreaterThan(0);
    // The CVC as a field or a value of its own (four digits also occur inside response times and request ids).
    expect(logLines.filter((line) => line.includes(number.slice(0, 15)) || line.includes('"cvc"') || line.includes(`"${cvc}"`))).toEqual([]);
  });
});
