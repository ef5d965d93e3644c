import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problems.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Another site must not sign a visitor in or start sign-ups in their name. Unsafe anonymous console
 * routes have no session and CSRF token to check, so a browser's `Origin` must be ours (the request's
 * own host or PUBLIC_URL). Callers that send no Origin are not browsers and are let through.
 */
export function installOriginCheck(app: FastifyInstance, publicOrigin: string): void {
  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return;
    if (request.routeOptions.config.access?.auth !== 'none') return;
    const origin = request.headers.origin;
    if (origin === undefined || origin === publicOrigin || isSameHost(origin, request.headers.host)) return;
    throw new ProblemError({ status: 403, title: 'Cross-site request refused', detail: 'This request must come from the Switchboard console itself.' });
  });
}

/** Compared as URLs, so that a default port written out (`:80`) or left off makes no difference. */
function isSameHost(origin: string, host: string | undefined): boolean {
  try {
    const parsed = new URL(origin);
    return host !== undefined && new URL(`${parsed.protocol}//${host}`).host === parsed.host;
  } catch {
    return false;
  }
}
