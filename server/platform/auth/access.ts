import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, forbidden, unauthorized } from '../problems.js';
import type { Actor, ApiKeyActor, SessionActor } from './actor.js';
import { hasPermission } from './actor.js';
import { ApiAuthError } from './api-auth-error.js';
import { readApiCredentials, type ApiCredentialVerifier, type PresentedCredentials } from './api-credentials.js';
import type { FailureLimiter } from './failure-limiter.js';
import type { Access } from './permissions.js';
import { SESSION_COOKIE, type SessionStore } from './sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    declaredRoutes: { method: string; url: string; access: Access }[];
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AccessControlDeps {
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
 * The one place where callers are identified and permissions are checked. Every route must declare
 * `config.access`; a route that does not is refused at start-up.
 */
export function installAccessControl(app: FastifyInstance, deps: AccessControlDeps): void {
  app.decorateRequest('actor', null);
  app.decorate('declaredRoutes', []);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access (config.access)`);
    app.declaredRoutes.push({ method: String(route.method), url: route.url, access });
  });

  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access.auth === 'none') return;

    if (access.auth === 'api') {
      const credentials = readApiCredentials(request);
      if (credentials) {
        request.actor = await verifyApiCaller(deps, request, credentials);
        return;
      }
      const actor = await sessionActor(request, reply, deps);
      if (!actor) throw new ApiAuthError('missing');
      authorise(request, actor, access.permission);
      return;
    }

    const actor = await sessionActor(request, reply, deps);
    if (!actor) throw unauthorized();
    if (access.permission !== 'signed-in') authorise(request, actor, access.permission);
  });
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

function authorise(request: FastifyRequest, actor: Actor, permission: Parameters<typeof hasPermission>[1]) {
  if (!hasPermission(actor, permission)) throw forbidden();
  request.actor = actor;
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

/** The caller of a route that requires authentication; only call after the access hook ran. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
