import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test support (not a test file): a local HTTP double of exactly the Stripe endpoints the Stripe
 * processor calls, answering in Stripe's shapes, on 127.0.0.1. Cards are PaymentMethods as Stripe's
 * client would create them, each with a behaviour when charged. Every request is recorded, with its
 * Idempotency-Key; a repeated key gets the first answer again, as Stripe does.
 */

export type DoubleCardBehaviour = 'succeed' | 'insufficient_funds' | 'do_not_honor' | 'processing';

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  params: Record<string, string>;
}

interface DoublePaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; fingerprint: string; country: string; funding: string };
  metadata: Record<string, string>;
  livemode: false;
  created: number;
}

interface DoubleIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string;
  payment_method: string;
  description: string | null;
  metadata: Record<string, string>;
  status: string;
  last_payment_error: null | { type: string; code: string; decline_code: string; message: string };
  livemode: false;
  created: number;
}

const stripeId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding, flattened: `metadata[payment_id]` stays one key. */
function readParams(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** The `metadata[…]` params as an object. */
function metadataOf(params: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match) metadata[match[1]] = value;
  }
  return metadata;
}

const declines = {
  insufficient_funds: 'Your card has insufficient funds.',
  do_not_honor: 'Your card was declined.',
} as const;

export interface StripeDouble {
  port: number;
  secretKey: string;
  requests: RecordedRequest[];
  customers: Map<string, { id: string; metadata: Record<string, string> }>;
  intents: Map<string, DoubleIntent>;
  refunds: { id: string; payment_intent: string; amount: number }[];
  /** A card as Stripe's client tokenises it: a new unattached PaymentMethod (the same `fingerprint` = the same card number). */
  card(behaviour: DoubleCardBehaviour, options?: { brand?: string; last4?: string; fingerprint?: string }): string;
  /** The next `times` requests to `path` never reach Stripe: their connections drop before an answer (a network failure). */
  dropNext(path: string, times: number): void;
  /** Ends an intent Stripe was processing, as the bank answers later; returns it as a webhook carries it. */
  finish(intentId: string, result: 'succeeded' | 'failed'): DoubleIntent;
  close(): Promise<void>;
}

export async function startStripeDouble(secretKey = 'sk_test_switchboard_double'): Promise<StripeDouble> {
  const paymentMethods = new Map<string, DoublePaymentMethod & { behaviour: DoubleCardBehaviour }>();
  const customers = new Map<string, { id: string; metadata: Record<string, string> }>();
  const intents = new Map<string, DoubleIntent>();
  const refunds: { id: string; payment_intent: string; amount: number }[] = [];
  const requests: RecordedRequest[] = [];
  const answered = new Map<string, { params: string; status: number; body: unknown }>();
  const dropping = new Map<string, number>();

  const publicMethod = (method: DoublePaymentMethod & { behaviour: DoubleCardBehaviour }): DoublePaymentMethod => {
    const { behaviour: _behaviour, ...visible } = method;
    return visible;
  };
  const error = (status: number, type: string, message: string, extra: Record<string, unknown> = {}) => ({ status, body: { error: { type, message, ...extra } } });
  const missing = (kind: string, id: string, param = 'id') => error(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });

  function route(method: string, path: string, params: Record<string, string>): { status: number; body: unknown } {
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: stripeId('cus'), object: 'customer', metadata: metadataOf(params), livemode: false, created: now() };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === 'GET' && (match = /^\/v1\/payment_methods\/([^/]+)$/.exec(path))) {
      const pm = paymentMethods.get(match[1]);
      return pm ? { status: 200, body: publicMethod(pm) } : missing('PaymentMethod', match[1]);
    }
    if (method === 'POST' && (match = /^\/v1\/payment_methods\/([^/]+)\/attach$/.exec(path))) {
      const pm = paymentMethods.get(match[1]);
      if (!pm) return missing('PaymentMethod', match[1]);
      if (!customers.has(params.customer)) return missing('customer', params.customer, 'customer');
      if (pm.customer && pm.customer !== params.customer) return error(400, 'invalid_request_error', 'The payment method you provided has already been attached to a customer.');
      pm.customer = params.customer;
      return { status: 200, body: publicMethod(pm) };
    }
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(params);
    if (method === 'GET' && (match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const intent = intents.get(match[1]);
      return intent ? { status: 200, body: intent } : missing('payment_intent', match[1]);
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(params.payment_intent);
      if (!intent) return missing('payment_intent', params.payment_intent, 'payment_intent');
      const amount = Number(params.amount ?? intent.amount_received);
      const refunded = refunds.filter((r) => r.payment_intent === intent.id).reduce((sum, r) => sum + r.amount, 0);
      if (intent.status !== 'succeeded' || amount > intent.amount_received - refunded) {
        return error(400, 'invalid_request_error', `Refund amount (€${amount / 100}) is greater than unrefunded amount on charge.`, { code: 'amount_too_large' });
      }
      const refund = { id: stripeId('re'), object: 'refund', amount, currency: intent.currency, payment_intent: intent.id, status: 'succeeded', created: now() };
      refunds.push(refund);
      return { status: 200, body: refund };
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  function createIntent(params: Record<string, string>): { status: number; body: unknown } {
    const pm = paymentMethods.get(params.payment_method);
    if (!pm) return missing('PaymentMethod', params.payment_method, 'payment_method');
    if (pm.customer !== params.customer) return error(400, 'invalid_request_error', 'The provided PaymentMethod was previously attached to a Customer or was detached from a Customer.', { param: 'customer' });
    if (params.confirm !== 'true' || params.off_session !== 'true') return error(400, 'invalid_request_error', 'The double only confirms off-session intents at once.');
    const intent: DoubleIntent = {
      id: stripeId('pi'),
      object: 'payment_intent',
      amount: Number(params.amount),
      amount_received: 0,
      currency: params.currency,
      customer: params.customer,
      payment_method: pm.id,
      description: params.description ?? null,
      metadata: metadataOf(params),
      status: 'succeeded',
      last_payment_error: null,
      livemode: false,
      created: now(),
    };
    intents.set(intent.id, intent);
    if (pm.behaviour === 'succeed') {
      intent.amount_received = intent.amount;
      return { status: 200, body: intent };
    }
    if (pm.behaviour === 'processing') {
      intent.status = 'processing';
      return { status: 200, body: intent };
    }
    const decline = { type: 'card_error', code: 'card_declined', decline_code: pm.behaviour, message: declines[pm.behaviour] };
    intent.status = 'requires_payment_method';
    intent.last_payment_error = decline;
    return error(402, 'card_error', decline.message, { code: decline.code, decline_code: decline.decline_code, payment_intent: intent, request_log_url: null });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const params = method === 'GET' ? Object.fromEntries(url.searchParams) : readParams(raw);
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    const drops = dropping.get(url.pathname) ?? 0;
    if (drops > 0) {
      dropping.set(url.pathname, drops - 1);
      request.socket.destroy();
      return;
    }
    requests.push({ method, path: url.pathname, idempotencyKey, params });
    let answer: { status: number; body: unknown };
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      answer = error(401, 'invalid_request_error', 'Invalid API Key provided.');
    } else if (idempotencyKey && method === 'POST' && answered.has(`${url.pathname} ${idempotencyKey}`)) {
      const first = answered.get(`${url.pathname} ${idempotencyKey}`) as { params: string; status: number; body: unknown };
      answer = first.params === raw ? first : error(400, 'idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.');
    } else {
      answer = route(method, url.pathname, params);
      // A stored answer is a snapshot, as Stripe's is: a later change to the object does not show in a replay.
      if (idempotencyKey && method === 'POST') answered.set(`${url.pathname} ${idempotencyKey}`, { params: raw, status: answer.status, body: JSON.parse(JSON.stringify(answer.body)) });
    }
    response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': stripeId('req') });
    response.end(JSON.stringify(answer.body));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((failure: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'api_error', message: String(failure) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    secretKey,
    requests,
    customers,
    intents,
    refunds,
    card(behaviour, options = {}) {
      const id = stripeId('pm');
      const brand = options.brand ?? 'visa';
      paymentMethods.set(id, {
        id,
        object: 'payment_method',
        type: 'card',
        customer: null,
        card: { brand, last4: options.last4 ?? '4242', exp_month: 12, exp_year: 2030, fingerprint: options.fingerprint ?? randomBytes(8).toString('hex'), country: 'GB', funding: 'credit' },
        metadata: {},
        livemode: false,
        created: now(),
        behaviour,
      });
      return id;
    },
    dropNext(path, times) {
      dropping.set(path, times);
    },
    finish(intentId, result) {
      const intent = intents.get(intentId);
      if (!intent || intent.status !== 'processing') throw new Error(`no processing intent ${intentId}`);
      if (result === 'succeeded') {
        intent.status = 'succeeded';
        intent.amount_received = intent.amount;
      } else {
        intent.status = 'requires_payment_method';
        intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'do_not_honor', message: declines.do_not_honor };
      }
      return JSON.parse(JSON.stringify(intent));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((failure) => (failure ? reject(failure) : resolve()));
        server.closeAllConnections();
      }),
  };
}
