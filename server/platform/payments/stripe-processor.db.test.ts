import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, productionProblems } from '../../config.js';
import { address, topUp } from '../../modules/billing/billing-test-helpers.js';
import { reconcilePayments, refundPayment } from '../../modules/billing/payments.js';
import { STRIPE_WEBHOOK_PATH } from '../../modules/billing/stripe-webhook-routes.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { operatorAuthor, systemAuthor } from '../activity/author.js';
import { verifyLedger } from '../ledger/verify-ledger.js';
import { startStripeDouble, type DoubleCardBehaviour, type StripeDouble } from './stripe-double.js';

type Family = Awaited<ReturnType<typeof signUpVerified>>;

const WEBHOOK_SECRET = 'whsec_switchboard_test';

describe('the Stripe processor against a local double of the Stripe API', () => {
  let stripe: StripeDouble;
  let t: TestApp;
  beforeAll(async () => {
    stripe = await startStripeDouble();
    t = await createTestApp({
      config: {
        PAYMENT_PROCESSOR: 'stripe',
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_switchboard_double',
        STRIPE_API_HOST: '127.0.0.1',
        STRIPE_API_PORT: String(stripe.port),
        STRIPE_API_PROTOCOL: 'http',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  const family = () => signUpVerified(t.app, t.ctx);
  const balance = async (apiKey: string) => (await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', apiKey).executeTakeFirstOrThrow()).balance_micros;
  const paymentEntries = (apiKey: string) => t.ctx.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('api_key', '=', apiKey).where('kind', 'like', 'payment%').execute();
  const storeCard = (owner: Family, token: string) => owner.browser.post('/api/billing/payment-methods/cards', { token, ...address });
  async function cardOf(owner: Family, behaviour: DoubleCardBehaviour): Promise<string> {
    const stored = await storeCard(owner, stripe.card(behaviour));
    if (stored.statusCode !== 201) throw new Error(`storing the card failed: ${stored.statusCode} ${stored.body}`);
    return stored.json().id;
  }
  const intentCreations = (paymentId: string) => stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.params['metadata[payment_id]'] === paymentId);

  /** An event as Stripe sends it, signed with the endpoint's secret by the SDK's own test helper. */
  function signedEvent(type: string, object: unknown, secret = WEBHOOK_SECRET): { payload: string; headers: Record<string, string> } {
    const payload = JSON.stringify({
      id: `evt_${Math.random().toString(36).slice(2)}`,
      object: 'event',
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      type,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    return { payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
  }
  const deliver = (event: { payload: string; headers: Record<string, string> }) => t.app.inject({ method: 'POST', url: STRIPE_WEBHOOK_PATH, payload: event.payload, headers: event.headers });

  it('serves the webhook, not the sandbox pages, and tells the console to tokenise at Stripe', async () => {
    const open = t.app.declaredRoutes.filter((route) => route.access.auth === 'none').map((route) => `${route.method} ${route.url}`);
    expect(open).toContain(`POST ${STRIPE_WEBHOOK_PATH}`);
    expect(open.filter((route) => route.includes('sandbox-processor'))).toEqual([]);
    expect(Object.keys((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths)).toContain(STRIPE_WEBHOOK_PATH);
    const owner = await family();
    expect((await owner.browser.get('/api/billing/payment-methods')).json().processor).toEqual({
      processor: 'stripe',
      tokenize_url: `http://127.0.0.1:${stripe.port}/v1/payment_methods`,
      publishable_key: 'pk_test_switchboard_double',
    });
  });

  describe('cards', () => {
    it("attaches a card to the account's one Customer and keeps what Stripe says of it", async () => {
      const owner = await family();
      const token = stripe.card('succeed', { brand: 'mastercard', last4: '4444' });
      const stored = await storeCard(owner, token);
      expect(stored.statusCode).toBe(201);
      expect(stored.json()).toMatchObject({ type: 'card', label: 'Mastercard •••• 4444', last4: '4444', exp_month: 12, exp_year: 2030, is_default: true });
      const row = await t.ctx.db.selectFrom('payment_methods').select(['processor', 'processor_ref']).where('id', '=', stored.json().id).executeTakeFirstOrThrow();
      expect(row).toEqual({ processor: 'stripe', processor_ref: token });

      expect((await storeCard(owner, stripe.card('succeed'))).statusCode).toBe(201);
      const customers = [...stripe.customers.values()].filter((c) => c.metadata.switchboard_account === owner.apiKey);
      expect(customers).toHaveLength(1);
      const attaches = stripe.requests.filter((r) => r.path.endsWith('/attach') && r.params.customer === customers[0].id);
      expect(attaches).toHaveLength(2);
    });

    it('refuses the same card (by fingerprint) on a second account, and a token Stripe does not know', async () => {
      const owner = await family();
      const other = await family();
      expect((await storeCard(owner, stripe.card('succeed', { fingerprint: 'same-card-number' }))).statusCode).toBe(201);
      const refused = await storeCard(other, stripe.card('succeed', { fingerprint: 'same-card-number' }));
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toMatch(/already used by another Switchboard account/);
      // A PaymentMethod already attached to another account's Customer is not this account's to store.
      const ownersToken = (await t.ctx.db.selectFrom('payment_methods').select('processor_ref').where('primary_api_key', '=', owner.apiKey).executeTakeFirstOrThrow()).processor_ref;
      expect((await storeCard(other, ownersToken)).statusCode).toBe(422);
      const unknown = await storeCard(other, 'pm_unknown');
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().invalid_parameters[0].name).toBe('token');
    });

    it('answers a PayPal start with a clear refusal', async () => {
      const owner = await family();
      const refused = await owner.browser.post('/api/billing/payment-methods/paypal');
      expect(refused.statusCode).toBe(422);
      expect(refused.json().detail).toMatch(/^PayPal is not available with this processor/);
    });
  });

  describe('top-ups through the billing module', () => {
    it('a card that succeeds: settled at once, one off-session intent with the payment id as its idempotency key', async () => {
      const owner = await family();
      const card = await cardOf(owner, 'succeed');
      const before = await balance(owner.apiKey);
      const paid = await topUp(owner.browser, card, 20, 'stripe-success');
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toMatchObject({ demo: false, payment: { amount: 20, status: 'settled', failure: null } });
      expect(await balance(owner.apiKey)).toBe(before + 20_000_000);

      const paymentId = paid.json().payment.id;
      const [created] = intentCreations(paymentId);
      expect(created.idempotencyKey).toBe(paymentId);
      expect(created.params).toMatchObject({ amount: '2000', currency: 'eur', off_session: 'true', confirm: 'true', payment_method: expect.stringMatching(/^pm_/), customer: expect.stringMatching(/^cus_/) });

      // The same Idempotency-Key again: the same payment, no second intent at Stripe, one ledger entry.
      const again = await topUp(owner.browser, card, 20, 'stripe-success');
      expect(again.json().payment.id).toBe(paymentId);
      expect(intentCreations(paymentId)).toHaveLength(1);
      expect(await paymentEntries(owner.apiKey)).toEqual([{ kind: 'payment', amount_micros: 20_000_000 }]);
    });

    it('card_declined insufficient_funds: failed, retryable, nothing credited', async () => {
      const owner = await family();
      const before = await balance(owner.apiKey);
      const declined = await topUp(owner.browser, await cardOf(owner, 'insufficient_funds'), 20, 'stripe-nsf');
      expect(declined.statusCode).toBe(402);
      expect(declined.json()).toMatchObject({ title: 'Payment declined', payment: { status: 'failed', failure: { code: 'insufficient_funds', retryable: true } } });
      expect(declined.json().detail).toMatch(/insufficient funds/);
      expect(intentCreations(declined.json().payment.id)[0].idempotencyKey).toBe(declined.json().payment.id);
      const payment = await t.ctx.db.selectFrom('payments').select('processor_ref').where('id', '=', declined.json().payment.id).executeTakeFirstOrThrow();
      expect(payment.processor_ref).toMatch(/^pi_/);
      expect(await balance(owner.apiKey)).toBe(before);
      expect(await paymentEntries(owner.apiKey)).toEqual([]);
    });

    it('card_declined do_not_honor: failed and never to be retried', async () => {
      const owner = await family();
      const declined = await topUp(owner.browser, await cardOf(owner, 'do_not_honor'), 20, 'stripe-dnh');
      expect(declined.statusCode).toBe(402);
      expect(declined.json().payment.failure).toMatchObject({ code: 'do_not_honor', retryable: false });
      expect(await paymentEntries(owner.apiKey)).toEqual([]);
    });

    it('processing, then succeeded by a signed webhook: a forged or missing signature changes nothing, a replay applies once', async () => {
      const owner = await family();
      const before = await balance(owner.apiKey);
      const held = await topUp(owner.browser, await cardOf(owner, 'processing'), 25, 'stripe-processing');
      expect(held.statusCode).toBe(202);
      expect(held.json().payment.status).toBe('pending');
      const paymentId = held.json().payment.id;
      const { processor_ref: intentId } = await t.ctx.db.selectFrom('payments').select('processor_ref').where('id', '=', paymentId).executeTakeFirstOrThrow();
      const intent = stripe.finish(intentId as string, 'succeeded');

      const forged = await deliver(signedEvent('payment_intent.succeeded', intent, 'whsec_not_ours'));
      expect(forged.statusCode).toBe(400);
      expect(forged.headers['content-type']).toContain('application/problem+json');
      const unsigned = signedEvent('payment_intent.succeeded', intent);
      expect((await t.app.inject({ method: 'POST', url: STRIPE_WEBHOOK_PATH, payload: unsigned.payload, headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
      // A body changed after signing is as good as forged.
      const tampered = signedEvent('payment_intent.succeeded', intent);
      expect((await deliver({ ...tampered, payload: tampered.payload.replace('"amount":2500', '"amount":2600') })).statusCode).toBe(400);
      expect((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', paymentId).executeTakeFirstOrThrow()).status).toBe('pending');
      expect(await balance(owner.apiKey)).toBe(before);

      const event = signedEvent('payment_intent.succeeded', intent);
      expect((await deliver(event)).statusCode).toBe(200);
      expect((await deliver(event)).statusCode).toBe(200);
      const payment = await t.ctx.db.selectFrom('payments').select(['status', 'balance_after_micros']).where('id', '=', paymentId).executeTakeFirstOrThrow();
      expect(payment).toEqual({ status: 'settled', balance_after_micros: before + 25_000_000 });
      expect(await balance(owner.apiKey)).toBe(before + 25_000_000);
      expect(await paymentEntries(owner.apiKey)).toEqual([{ kind: 'payment', amount_micros: 25_000_000 }]);
      const settled = await t.ctx.db.selectFrom('activity_entries').select(['actor_kind', 'actor_id']).where('object_id', '=', paymentId).where('kind', '=', 'payment.made').execute();
      expect(settled).toContainEqual({ actor_kind: 'system', actor_id: 'stripe-webhook' });
      expect(settled).toHaveLength(2); // held for review, then settled once
    });

    it('processing, then payment_failed by a signed webhook: failed with the decline', async () => {
      const owner = await family();
      const held = await topUp(owner.browser, await cardOf(owner, 'processing'), 30, 'stripe-processing-fails');
      const { processor_ref: intentId } = await t.ctx.db.selectFrom('payments').select('processor_ref').where('id', '=', held.json().payment.id).executeTakeFirstOrThrow();
      expect((await deliver(signedEvent('payment_intent.payment_failed', stripe.finish(intentId as string, 'failed')))).statusCode).toBe(200);
      const payment = await t.ctx.db.selectFrom('payments').select(['status', 'failure_code', 'retryable']).where('id', '=', held.json().payment.id).executeTakeFirstOrThrow();
      expect(payment).toEqual({ status: 'failed', failure_code: 'do_not_honor', retryable: 0 });
      expect(await paymentEntries(owner.apiKey)).toEqual([]);
    });

    it('processing, then settled by the reconcile job reading the intent (no webhook)', async () => {
      const owner = await family();
      const held = await topUp(owner.browser, await cardOf(owner, 'processing'), 40, 'stripe-processing-reconciled');
      const paymentId = held.json().payment.id;
      const { processor_ref: intentId } = await t.ctx.db.selectFrom('payments').select('processor_ref').where('id', '=', paymentId).executeTakeFirstOrThrow();
      await reconcilePayments(t.ctx, systemAuthor('reconcile-payments'), t.clock.now().toISOString());
      expect((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', paymentId).executeTakeFirstOrThrow()).status).toBe('pending');
      stripe.finish(intentId as string, 'succeeded');
      await reconcilePayments(t.ctx, systemAuthor('reconcile-payments'), t.clock.now().toISOString());
      expect((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', paymentId).executeTakeFirstOrThrow()).status).toBe('settled');
      expect(await paymentEntries(owner.apiKey)).toEqual([{ kind: 'payment', amount_micros: 40_000_000 }]);
    });

    it('Stripe unreachable: 503, the payment stays processing, and reconcile charges it once with the same key', async () => {
      const owner = await family();
      const card = await cardOf(owner, 'succeed');
      // The SDK tries a closed connection once more (with the same key) before it gives up.
      stripe.dropNext('/v1/payment_intents', 2);
      const lost = await topUp(owner.browser, card, 15, 'stripe-unreachable');
      expect(lost.statusCode).toBe(503);
      expect(lost.json().title).toBe('Payment processor unavailable');
      const payment = await t.ctx.db.selectFrom('payments').select(['id', 'status']).where('primary_api_key', '=', owner.apiKey).executeTakeFirstOrThrow();
      expect(payment.status).toBe('processing');
      expect(intentCreations(payment.id)).toEqual([]);

      t.clock.advance(10 * 60_000);
      await reconcilePayments(t.ctx, systemAuthor('reconcile-payments'), t.clock.now().toISOString());
      expect((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', payment.id).executeTakeFirstOrThrow()).status).toBe('settled');
      expect(intentCreations(payment.id).map((r) => r.idempotencyKey)).toEqual([payment.id]);
      expect(await paymentEntries(owner.apiKey)).toEqual([{ kind: 'payment', amount_micros: 15_000_000 }]);
    });

    it('an operator refund reaches Stripe once, in cents, with its idempotency key', async () => {
      const owner = await family();
      const paid = await topUp(owner.browser, await cardOf(owner, 'succeed'), 50, 'stripe-refunded');
      const paymentId = paid.json().payment.id;
      const refunded = await refundPayment(t.ctx, paymentId, 12_340_000, false, operatorAuthor);
      expect(refunded).toMatchObject({ status: 'settled', refunded_micros: 12_340_000 });
      const { processor_ref: intentId } = await t.ctx.db.selectFrom('payments').select('processor_ref').where('id', '=', paymentId).executeTakeFirstOrThrow();
      expect(stripe.refunds.filter((r) => r.payment_intent === intentId)).toMatchObject([{ amount: 1234 }]);
      const request = stripe.requests.find((r) => r.path === '/v1/refunds' && r.params.payment_intent === intentId);
      expect(request?.idempotencyKey).toBe(`refund:${paymentId}:0`);
      expect(await paymentEntries(owner.apiKey)).toEqual(
        expect.arrayContaining([
          { kind: 'payment', amount_micros: 50_000_000 },
          { kind: 'payment_refund', amount_micros: -12_340_000 },
        ]),
      );
    });

    it('the ledger verifies after all of it', async () => {
      expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
    });
  });

  it('never talks to anything but the double on loopback', () => {
    expect(stripe.requests.length).toBeGreaterThan(10);
    expect(t.ctx.config.STRIPE_API_HOST).toBe('127.0.0.1');
  });
});

describe('Stripe configuration', () => {
  const parse = (env: Record<string, string>) => configSchema.parse(env);
  const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://c.example.com', SMTP_URL: 'smtp://relay:587', ENCRYPTION_KEY: 'k' };

  it('PAYMENT_PROCESSOR=stripe needs the secret key anywhere, and the webhook secret in production', () => {
    expect(configSchema.safeParse({ PAYMENT_PROCESSOR: 'stripe' }).success).toBe(false);
    const stripe = { PAYMENT_PROCESSOR: 'stripe', STRIPE_SECRET_KEY: 'sk_live_x' };
    expect(productionProblems(parse({ ...production, ...stripe }))).toEqual([
      expect.stringMatching(/^STRIPE_WEBHOOK_SECRET must be set/),
      expect.stringMatching(/^STRIPE_PUBLISHABLE_KEY must be set/),
    ]);
    const complete = { ...production, ...stripe, STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_PUBLISHABLE_KEY: 'pk_live_x' };
    expect(productionProblems(parse(complete))).toEqual([]);
    expect(productionProblems(parse({ ...complete, STRIPE_API_PROTOCOL: 'http' }))).toEqual([expect.stringMatching(/^STRIPE_API_PROTOCOL=http/)]);
    expect(productionProblems(parse(production))).toEqual([]);
  });
});
