import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../testing/basic-auth.js';
import { signUpVerified } from '../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import type { Access } from './auth/permissions.js';
import { verifyLedger } from './ledger/verify-ledger.js';

/**
 * Seeded fuzzing of every declared public and console route: wrong types, missing and unknown fields,
 * huge strings, control characters and unicode, odd numbers, broken JSON, wrong content types,
 * duplicated parameters, other families' keys, with and without credentials. No answer may be a 5xx;
 * every refusal comes in its endpoint family's error format; no money is created, spent or moved, and
 * the ledger still verifies. Replay a failure with the seed it prints: FUZZ_SEED=<seed>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 20);

type Route = { method: string; url: string; access: Access };
interface Operation {
  query: string[];
  body: string[];
}

// Development tools (never served in production) and signing the fuzzer's own session out.
const skipped = (route: Route) => route.method === 'HEAD' || route.url.startsWith('/dev/') || route.url === '/*' || route.url === '/api/sessions/current';

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (encodeURIComponent throws on them). */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const oddStrings = [
  '',
  ' ',
  '\u0000',
  '\r\n\t',
  '\u202e\u200b\ufeff',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; drop table accounts; --',
  '%zz',
  '%',
  '1e309',
  '-1',
  '0x10',
  'NaN',
  'Infinity',
  '-0',
  '１２３',
  '0.0000001',
  '99999999999999999999999',
  'true',
  'null',
  '[]',
  '{}',
  '__proto__',
  '🙂'.repeat(64),
  'é'.normalize('NFD'),
  '<script>alert(1)</script>',
  '2026-02-30',
  'sms',
  'voice',
  'GB',
];

describe('fuzzing every declared route with malformed input (seeded)', () => {
  let t: TestApp;
  let routes: Route[];
  let operations: Map<string, Operation>;
  let owner: Awaited<ReturnType<typeof signUpVerified>>;
  let stranger: Awaited<ReturnType<typeof signUpVerified>>;
  let session: { cookie: string; csrf: string };
  let subaccount: { api_key: string; secret: string };
  let strangerSubaccount: { api_key: string };
  let strangerSecretId: string;
  /** A subaccount and a test number the fuzzer may change at will (not part of the checked state). */
  let target: { api_key: string };
  let targetTestNumber: string;
  const statuses = new Map<string, Set<number>>();

  /** Everything the fuzzer must not be able to change: money, limits, secrets, subaccounts. */
  const snapshot = async () => ({
    ledger: await verifyLedger(t.ctx.db),
    accounts: await t.ctx.db
      .selectFrom('accounts')
      .select(['api_key', 'balance_micros', 'credit_limit_micros', 'suspended', 'name'])
      .where('api_key', 'in', [owner.apiKey, subaccount.api_key, stranger.apiKey, strangerSubaccount.api_key])
      .orderBy('api_key')
      .execute(),
    secrets: await t.ctx.db.selectFrom('api_secrets').select(['id', 'api_key', 'secret_hash']).orderBy('id').execute(),
  });
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpVerified(t.app, t.ctx);
    stranger = await signUpVerified(t.app, t.ctx);
    const post = (account: typeof owner, url: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/accounts/${account.apiKey}/${url}`, headers: { authorization: basic(account.apiKey, account.apiSecret) }, payload });
    subaccount = (await post(owner, 'subaccounts', { name: 'Fuzzed', use_primary_account_balance: false })).json();
    strangerSubaccount = (await post(stranger, 'subaccounts', { name: 'Elsewhere' })).json();
    strangerSecretId = (await t.app.inject({ url: `/accounts/${stranger.apiKey}/secrets`, headers: { authorization: basic(stranger.apiKey, stranger.apiSecret) } })).json()._embedded.secrets[0].id;
    target = (await post(owner, 'subaccounts', { name: 'Fuzz target', use_primary_account_balance: false })).json();
    expect((await post(owner, 'balance-transfers', { from: owner.apiKey, to: subaccount.api_key, amount: 0.25 })).statusCode).toBe(200);

    const signedIn = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email: owner.input.email, password: owner.input.password } });
    expect(signedIn.statusCode).toBe(200);
    session = { cookie: `sb_session=${signedIn.cookies.find((c) => c.name === 'sb_session')!.value}`, csrf: signedIn.json().csrf_token };
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/test-numbers',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { number: '07400900111', country: 'GB' },
    });
    expect(added.statusCode, added.body).toBe(201);
    targetTestNumber = added.json().id;

    routes = t.app.declaredRoutes.filter((route) => !skipped(route as Route)) as Route[];
    const document = (await t.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema?: { properties?: object } }> } }>>;
    };
    operations = new Map();
    for (const [path, byMethod] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(byMethod)) {
        const schema = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
        operations.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, {
          query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
          body: Object.keys(schema?.properties ?? {}),
        });
      }
    }
    before = await snapshot();
  });
  afterAll(() => t.close());

  /**
   * A well-formed body per route: most requests change one field of it (a hostile value, or gone), so
   * that the fuzzing reaches past validation into the handlers. Each is harmless when it succeeds:
   * money only ever comes from the target subaccount, whose balance is zero.
   */
  const examples = (): Record<string, Record<string, unknown>> => ({
    'POST /api/signups': { company_name: 'Fuzz Ltd', name: 'Fuzz', email: 'fuzz@example.com', password: 'a long fuzz password 1', country: 'GB', phone: '07400900222', pin_channel: 'sms' },
    'POST /api/signups/:signupId/resend': { channel: 'sms' },
    'POST /api/signups/:signupId/verify': { pin: '1234' },
    'POST /api/sessions': { email: 'nobody@example.com', password: 'not the password 1' },
    'POST /api/session/password': { current_password: 'not the password 1', new_password: 'a new long password 2' },
    'POST /api/password-resets': { email: 'nobody@example.com' },
    'POST /api/password-resets/confirm': { token: 'x'.repeat(43), password: 'a new long password 2' },
    'POST /account/top-up': { trx: '00X123456Y7890123Z' },
    'POST /account/settings': { httpForwardMethod: 'POST' },
    // A number nobody sells: buying, cancelling and configuring it all fail, so no money moves.
    'POST /number/buy': { country: 'GB', msisdn: '447000000000' },
    'POST /number/cancel': { country: 'GB', msisdn: '447000000000' },
    'POST /number/update': { country: 'GB', msisdn: '447000000000', app_id: 'fuzz' },
    'POST /accounts/:api_key/transfer-number': { from: target.api_key, to: owner.apiKey, number: '447000000000', country: 'GB' },
    'POST /accounts/:api_key/secrets': { secret: 'FuzzSecret2026' },
    'POST /accounts/:api_key/subaccounts': { name: 'Fuzz made', use_primary_account_balance: false },
    'PATCH /accounts/:api_key/subaccounts/:subaccount_key': { name: 'Fuzz renamed', suspended: false },
    'POST /accounts/:api_key/credit-transfers': { from: target.api_key, to: owner.apiKey, amount: 1, reference: 'fuzz' },
    'POST /accounts/:api_key/balance-transfers': { from: target.api_key, to: owner.apiKey, amount: 1, reference: 'fuzz' },
    'POST /sms/json': { from: 'Switchboard', to: '447700900123', text: 'fuzz' },
    'POST /api/sms/test': { to: '+447700900123', text: 'fuzz' },
    'POST /api/test-numbers': { number: '07400900333', country: 'GB' },
    'POST /api/test-numbers/:id/verify': { pin: '1234' },
    'POST /api/profile/two-factor/enrolment/confirm': { code: '123456' },
    'POST /api/profile/two-factor/disable': { password: 'not the password 1', code: '123456' },
    // Shared short codes carry no fee: adding or configuring one moves no money.
    'POST /api/short-codes': { api_key: target.api_key, code: '98975' },
    'PUT /api/accounts/:api_key/short-codes/:code': { purpose: 'two_factor', template: 'Code {pin}', messages_per_day: 2, terms_url: 'https://example.com/t', privacy_url: 'https://example.com/p' },
  });

  // Values for paths and bodies: hostile text and numbers, and other families' real keys and ids (never
  // this family's own subaccount or secrets, so that no well-formed change can happen by chance).
  const foreign = () => fc.constantFrom(stranger.apiKey, strangerSubaccount.api_key, strangerSecretId, '00000000-0000-4000-8000-000000000000', 'abcd1234');
  const text = () =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...oddStrings) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom(300, 10_000, 200_000).map((length) => 'x'.repeat(length)) },
    );
  const number = () =>
    fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(-1, 0, -0, 1e-7, 0.1 + 0.2, 1e21, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63),
    );
  const value = () =>
    fc.oneof(
      { weight: 4, arbitrary: text() },
      { weight: 3, arbitrary: number() },
      { weight: 2, arbitrary: foreign() },
      { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );

  /** Some of the route's own fields (each missing, or of a hostile value) and some unknown ones. */
  const fields = (names: string[]) =>
    fc
      .tuple(
        fc.record(Object.fromEntries(names.map((name) => [name, value()])), { requiredKeys: [] }),
        fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'api_key', 'id')), value(), { maxKeys: 2 }),
      )
      .map(([known, unknown]) => ({ ...unknown, ...known }) as Record<string, unknown>);

  type Body = { contentType?: string; payload?: string };
  const formOf = (entries: [string, unknown][]) => entries.map(([key, item]) => `${encode(key)}=${encode(typeof item === 'string' ? item : JSON.stringify(item) ?? '')}`).join('&');
  const json = (object: unknown): Body => ({ contentType: 'application/json', payload: JSON.stringify(object) });
  /** The example with one field replaced by a hostile value or left out, or with unknown fields beside it. */
  const mutated = (example: Record<string, unknown>) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(example)), value()).map(([name, replacement]) => json({ ...example, [name]: replacement })) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...Object.keys(example)).map((name) => {
          const { [name]: _left, ...rest } = example;
          return json(rest);
        }),
      },
      { weight: 2, arbitrary: fields([]).map((unknown) => json({ ...unknown, ...example })) },
    );
  const body = (names: string[], example: Record<string, unknown> | undefined): fc.Arbitrary<Body> =>
    fc.oneof(
      { weight: example ? 8 : 0, arbitrary: example ? mutated(example) : fc.constant({}) },
      { weight: 6, arbitrary: fields(names).map(json) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map(json) },
      {
        weight: 1,
        arbitrary: fields(names)
          .map((object) => JSON.stringify(object))
          .chain((json) => fc.nat(Math.max(0, json.length - 1)).map((cut) => ({ contentType: 'application/json', payload: json.slice(0, cut) }))),
      },
      {
        weight: 1,
        arbitrary: fields(names).map((object) => {
          const entries = Object.entries(object);
          // Every parameter twice, with different values: which one wins must never be a crash.
          return { contentType: 'application/x-www-form-urlencoded', payload: formOf([...entries, ...entries.map(([key]) => [key, '2'] as [string, unknown])]) };
        }),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded; charset=latin1', ''), text()).map(([contentType, payload]) => ({
          contentType,
          payload,
        })),
      },
      { weight: 1, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.constant({ contentType: 'application/json', payload: JSON.stringify({ x: 'y'.repeat(1024 * 1024) }) }) },
    );

  /** Real values for the path parameters, so that requests reach the handlers: this family's own, or the targets. */
  const ownPathValues = (): Record<string, string[]> => ({ api_key: [owner.apiKey], subaccount_key: [target.api_key], id: [targetTestNumber] });
  const pathValue = () =>
    fc.oneof(
      { weight: 3, arbitrary: text().map(encode) },
      { weight: 2, arbitrary: foreign() },
      { weight: 1, arbitrary: fc.constantFrom('%zz', '%E0%A4%A', '..', '%2e%2e', '%2F', '%00', '') },
    );

  type Credentials = 'none' | 'session' | 'session-without-csrf' | 'basic' | 'query' | 'body' | 'subaccount' | 'stranger' | 'wrong-secret' | 'malformed';
  const credentials = (route: Route): fc.Arbitrary<Credentials> => {
    const right: Credentials[] = route.access.auth === 'session' ? ['session'] : route.access.auth === 'api' ? ['basic', 'query', 'body', 'session'] : ['none'];
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...right) },
      { weight: 1, arbitrary: fc.constantFrom<Credentials>('none', 'session-without-csrf', 'subaccount', 'stranger', 'wrong-secret', 'malformed') },
    );
  };

  interface Recipe {
    credentials: Credentials;
    params: string[];
    query: [string, string][];
    body: Body;
    address: number;
  }
  const request = (route: Route): fc.Arbitrary<Recipe> => {
    const operation = operations.get(`${route.method} ${route.url}`) ?? { query: [], body: [] };
    const params = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]);
    return fc.record({
      credentials: credentials(route),
      params: fc.tuple(...params.map((param) => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...(ownPathValues()[param] ?? ['abcd1234'])) }, { weight: 1, arbitrary: pathValue() }))).map((values) => [...values]),
      query: fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('x', ...operation.query) }, { weight: 1, arbitrary: text() }), text()), { maxLength: 4 }),
      body:
        route.method === 'GET' || route.method === 'DELETE'
          ? fc.oneof({ weight: 4, arbitrary: fc.constant<Body>({}) }, { weight: 1, arbitrary: body([], undefined) })
          : body(operation.body, examples()[`${route.method} ${route.url}`]),
      address: fc.integer({ min: 1, max: 250 }),
    });
  };

  function inject(route: Route, recipe: Recipe): Promise<LightMyRequestResponse> {
    let index = 0;
    let url = route.url.replace(/:(\w+)/g, () => String(recipe.params[index++]));
    const query = recipe.query.map(([key, item]) => `${encode(key)}=${encode(item)}`);
    const headers: Record<string, string> = {};
    let { payload } = recipe.body;
    if (recipe.body.contentType) headers['content-type'] = recipe.body.contentType;
    const unsafe = route.method !== 'GET';
    switch (recipe.credentials) {
      case 'session':
        headers.cookie = session.cookie;
        if (unsafe) headers['x-csrf-token'] = session.csrf;
        break;
      case 'session-without-csrf':
        headers.cookie = session.cookie;
        break;
      case 'basic':
        headers.authorization = basic(owner.apiKey, owner.apiSecret);
        break;
      case 'query':
        query.push(`api_key=${owner.apiKey}`, `api_secret=${encode(owner.apiSecret)}`);
        break;
      case 'body':
        if (recipe.body.contentType === 'application/x-www-form-urlencoded') payload = `${payload ? `${payload}&` : ''}api_key=${owner.apiKey}&api_secret=${encode(owner.apiSecret)}`;
        else query.push(`api_key=${owner.apiKey}`, `api_secret=${encode(owner.apiSecret)}`);
        break;
      case 'subaccount':
        headers.authorization = basic(subaccount.api_key, subaccount.secret);
        break;
      case 'stranger':
        headers.authorization = basic(stranger.apiKey, stranger.apiSecret);
        break;
      case 'wrong-secret':
        headers.authorization = basic(owner.apiKey, 'Wrong0Secret');
        break;
      case 'malformed':
        headers.authorization = 'Basic !!!not-base64';
        break;
      case 'none':
        break;
    }
    if (query.length > 0) url += `?${query.join('&')}`;
    return t.app.inject({ method: route.method as InjectOptions['method'], url, headers, payload, remoteAddress: `198.51.100.${recipe.address}` });
  }

  /** What is wrong with an answer, or null: no 5xx, and each refusal in the format of its endpoint family. */
  function defect(route: Route, response: LightMyRequestResponse): string | null {
    const status = response.statusCode;
    if (status >= 500) return `answered ${status}`;
    if (status < 400) return null;
    const contentType = String(response.headers['content-type'] ?? '');
    // The sandbox payment processor stands in for a third party's host: its PayPal pages are HTML.
    if (route.url.startsWith('/sandbox-processor/') && contentType.startsWith('text/html')) return null;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      return `a ${status} whose body is not JSON`;
    }
    if (status === 429 && !response.headers['retry-after']) return 'a 429 without Retry-After';
    const problem =
      contentType.startsWith('application/problem+json') && ['type', 'title', 'detail', 'instance'].every((key) => typeof body[key] === 'string');
    if (route.url.startsWith('/account/') || route.url.startsWith('/number/')) {
      // The Account and Numbers APIs' own error body (vonage-api.md): error-code and error-code-label.
      return contentType.startsWith('application/json') && body['error-code'] === String(status) && typeof body['error-code-label'] === 'string'
        ? null
        : `a ${status} not in the Account API's error format`;
    }
    if (route.url === '/sms/json') {
      // The SMS API refuses with a status per message; transport-level refusals are problems.
      return problem || Array.isArray(body.messages) ? null : `a ${status} in neither the SMS API's format nor problem+json`;
    }
    return problem ? null : `a ${status} that is not application/problem+json`;
  }

  it('answers every route without a 5xx, refuses in the family format, and leaves money, limits, secrets and subaccounts alone', async () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const [index, route] of routes.entries()) {
      const seed = SEED + index;
      const seen = statuses.get(`${route.method} ${route.url}`) ?? new Set<number>();
      statuses.set(`${route.method} ${route.url}`, seen);
      try {
        await fc.assert(
          fc.asyncProperty(request(route), async (recipe) => {
            const response = await inject(route, recipe);
            seen.add(response.statusCode);
            const wrong = defect(route, response);
            if (wrong) throw new Error(`${route.method} ${route.url} ${wrong}: ${response.body.slice(0, 300)}`);
          }),
          { seed, numRuns: RUNS_PER_ROUTE, endOnFailure: true, includeErrorInReport: true },
        );
      } catch (error) {
        throw new Error(`fuzz failure, replay with FUZZ_SEED=${SEED} (route seed ${seed}):\n${(error as Error).message}`);
      }
    }
    const after = await snapshot();
    expect(after.ledger.ok, JSON.stringify(after.ledger)).toBe(true);
    const money = ({ moneyInMicros, moneySpentMicros, balancesMicros, entries }: typeof before.ledger) => ({ moneyInMicros, moneySpentMicros, balancesMicros, entries });
    expect(money(after.ledger)).toEqual(money(before.ledger));
    expect(after.accounts).toEqual(before.accounts);
    // A well-formed new secret may be added by chance; none that existed may go or change.
    expect(after.secrets).toEqual(expect.arrayContaining(before.secrets));
  }, 180_000);

  it('got past authentication on every route, so the fuzzing reached validation and the handlers', () => {
    const stoppedAtTheDoor = [...statuses].filter(([, seen]) => [...seen].every((status) => status === 401 || status === 403)).map(([route]) => route);
    expect(stoppedAtTheDoor).toEqual([]);
    expect(statuses.size).toBe(routes.length);
  });
});
