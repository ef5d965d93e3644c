import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PASSWORD_CHANGE_REQUIRED, TWO_FACTOR_ENROLMENT_REQUIRED } from '../../../contract/permissions.js';
import type { Db } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import * as accounts from '../accounts/accounts-repository.js';
import { ProblemError, unauthorized } from '../problems.js';
import type { Actor, ApiKeyActor, SessionActor } from './actor.js';
import { ApiAuthError } from './api-auth-error.js';
import { readApiCredentials, type ApiCredentialVerifier, type PresentedCredentials } from './api-credentials.js';
import { authorize, authorizeRole } from './authorize.js';
import type { FailureLimiter } from './failure-limiter.js';
import type { Access, AccountField, AccountTarget, ProtectedAccess } from './permissions.js';
import { ownKeyOf, type AccountRef } from './scope.js';
import { SESSION_COOKIE, type SessionStore } from './sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The account the route acts on (its `config.access.account`), checked against the caller's scope. */
    account: Account | null;
  }
  interface FastifyInstance {
    declaredRoutes: { method: string; url: string; access: Access }[];
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AccessControlDeps {
  db: Db;
  sessions: SessionStore;
  verifyApiCredentials: ApiCredentialVerifier;
  secureCookies: boolean;
  /** Counts failed API authentications per (API key, client address), per client address, and per key (for alerting). */
  failedAuthLimiter?: FailureLimiter;
}

export function sessionCookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

/**
 * The one place where callers are identified and authorized. Every route must declare
 * `config.access`; a route that does not is refused at start-up. The permission and the accounts
 * named in the path are checked before validation; accounts named in the body, after it.
 */
export function installAccessControl(app: FastifyInstance, deps: AccessControlDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('account', null);
  app.decorate('declaredRoutes', []);
  const reader = createAccountReader(deps.db);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access (config.access)`);
    app.declaredRoutes.push({ method: String(route.method), url: route.url, access });
  });

  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access.auth === 'none') return;
    const actor = await authenticate(request, reply, deps, access);
    if (actor.kind === 'session' && actor.mustChangePassword && !access.duringPasswordChange) throw passwordChangeRequired();
    if (actor.kind === 'session' && actor.twoFactorEnrolmentRequired && !access.duringPasswordChange && !access.duringTwoFactorEnrolment) {
      throw twoFactorEnrolmentRequired();
    }
    authorize(actor, access.permission);
    if (access.role) authorizeRole(actor, access.role);
    if (access.account) request.account = await resolveTarget(reader, request, actor, access, access.account);
    for (const field of access.within ?? []) {
      if (field.startsWith('params.')) await checkWithin(reader, request, actor, access, field);
    }
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access.auth === 'none' || !request.actor) return;
    for (const field of access.within ?? []) {
      if (field.startsWith('body.')) await checkWithin(reader, request, request.actor, access, field);
    }
  });
}

async function authenticate(request: FastifyRequest, reply: FastifyReply, deps: AccessControlDeps, access: ProtectedAccess): Promise<Actor> {
  if (access.auth === 'api') {
    const credentials = readApiCredentials(request);
    if (credentials) {
      request.actor = await verifyApiCaller(deps, request, credentials);
      return request.actor;
    }
    const actor = await sessionActor(request, reply, deps);
    if (!actor) throw new ApiAuthError('missing');
    return actor;
  }
  const actor = await sessionActor(request, reply, deps);
  if (!actor) throw unauthorized();
  return actor;
}

const passwordChangeRequired = () =>
  new ProblemError({
    status: 403,
    type: PASSWORD_CHANGE_REQUIRED,
    title: 'Password change required',
    detail: 'Set a password of your own before you continue.',
  });

const twoFactorEnrolmentRequired = () =>
  new ProblemError({
    status: 403,
    type: TWO_FACTOR_ENROLMENT_REQUIRED,
    title: 'Two-factor sign-in required',
    detail: 'The owner of this account requires two-factor sign-in. Turn it on before you continue.',
  });

async function resolveTarget(reader: AccountReader, request: FastifyRequest, actor: Actor, access: ProtectedAccess, target: AccountTarget): Promise<Account> {
  const ownKey = ownKeyOf(actor.scope);
  const field: AccountField | 'own' = 'account' in target ? `params.${target.account}` : 'family' in target && target.family !== true ? `params.${target.family}` : 'own';
  const key = field === 'own' ? ownKey : valueOf(request, field);
  const account = key === undefined ? null : actor.kind === 'api_key' && key === actor.apiKey ? actor.account : ((await reader.byKey(key)) ?? null);
  const as = 'family' in target ? 'family' : 'account';
  authorize(actor, access.permission, { key: key ?? '', field, account, as });
  return account!;
}

async function checkWithin(reader: AccountReader, request: FastifyRequest, actor: Actor, access: ProtectedAccess, field: AccountField): Promise<void> {
  const key = valueOf(request, field);
  // A missing or malformed value is the validation's to refuse (body fields are checked after it).
  if (key === undefined) return;
  const account: AccountRef | null =
    key === actor.scope.primary ? { api_key: key, primary_api_key: key } : ((await reader.familyOf(key)) ?? null);
  authorize(actor, access.permission, { key, field, account, as: 'party' });
}

function valueOf(request: FastifyRequest, field: AccountField): string | undefined {
  const [source, name] = field.split('.', 2) as ['params' | 'body', string];
  const container = request[source];
  const value = container && typeof container === 'object' ? (container as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

type AccountReader = ReturnType<typeof createAccountReader>;

/**
 * Reads the accounts a request names. Which family an account belongs to never changes (accounts
 * never move and are never deleted), so that answer is kept in a bounded memo.
 */
function createAccountReader(db: Db, memoLimit = 100_000) {
  // Lookups are kept as promises, so concurrent requests naming one account share a single query.
  const families = new Map<string, Promise<AccountRef | undefined>>();
  const remember = (apiKey: string, lookup: Promise<AccountRef | undefined>) => {
    if (families.size >= memoLimit) families.delete(families.keys().next().value as string);
    families.set(apiKey, lookup);
    lookup.then(
      (found) => found || families.delete(apiKey),
      () => families.delete(apiKey),
    );
  };
  const refOf = (account: Account | undefined): AccountRef | undefined =>
    account && { api_key: account.api_key, primary_api_key: account.primary_api_key };
  return {
    async byKey(apiKey: string): Promise<Account | undefined> {
      const account = await accounts.byKey(db, apiKey);
      if (account && !families.has(apiKey)) remember(apiKey, Promise.resolve(refOf(account)));
      return account;
    },
    familyOf(apiKey: string): Promise<AccountRef | undefined> {
      const known = families.get(apiKey);
      if (known) return known;
      const lookup = accounts.byKey(db, apiKey).then(refOf);
      remember(apiKey, lookup);
      return lookup;
    },
  };
}

/** How long a throttled failure is held before it is answered. */
const THROTTLED_FAILURE_DELAY_MS = 500;

/**
 * API keys are not secret, so failures never lock a key: a correct secret always authenticates.
 * Failures are throttled per (key, address) and per address (answered 429, late); the per-key count
 * only raises an alert in the log.
 */
async function verifyApiCaller(deps: AccessControlDeps, request: FastifyRequest, credentials: PresentedCredentials): Promise<ApiKeyActor> {
  const result = await deps.verifyApiCredentials(credentials);
  if (result.ok) return result.actor;
  const limiter = deps.failedAuthLimiter;
  if (result.reason !== 'bad_credentials' || !limiter) throw new ApiAuthError(result.reason);

  const throttledSubjects = [`key-ip:${credentials.apiKey}|${request.ip}`, `ip:${request.ip}`];
  const wait = Math.max(...throttledSubjects.map((subject) => limiter.retryAfter(subject)));
  throttledSubjects.forEach((subject) => limiter.recordFailure(subject));
  if (limiter.recordFailure(`key:${credentials.apiKey}`) === limiter.maxFailures) {
    request.log.warn({ apiKey: credentials.apiKey }, 'many failed authentications for one API key');
  }
  if (wait === 0) throw new ApiAuthError(result.reason);
  await sleep(THROTTLED_FAILURE_DELAY_MS);
  throw new ApiAuthError('throttled', wait);
}

async function sessionActor(request: FastifyRequest, reply: FastifyReply, deps: AccessControlDeps): Promise<SessionActor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const resolved = await deps.sessions.resolve(token);
  if (!resolved) return null;
  if (!safeMethods.has(request.method) && !csrfMatches(request.headers[CSRF_HEADER], resolved.actor.csrfToken)) {
    throw new ProblemError({
      status: 403,
      title: 'CSRF check failed',
      detail: `Missing or invalid ${CSRF_HEADER} header. Reload the page and try again.`,
    });
  }
  if (resolved.extended) {
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(deps.secureCookies, deps.sessions.ttlSeconds));
  }
  request.actor = resolved.actor;
  return resolved.actor;
}

function csrfMatches(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The signed-in user of a session route; only call after the access hook ran. */
export function sessionOf(request: FastifyRequest): SessionActor {
  if (request.actor?.kind !== 'session') throw unauthorized();
  return request.actor;
}

/** The account a route acts on, as its `config.access.account` named it; only call after the access hook ran. */
export function accountOf(request: FastifyRequest): Account {
  if (!request.account) throw new Error(`route ${request.routeOptions.url} declares no account in config.access`);
  return request.account;
}

/** The caller of a route that requires authentication; only call after the access hook ran. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
