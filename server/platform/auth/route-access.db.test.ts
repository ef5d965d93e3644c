import Fastify from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRoles, PERMISSION_REQUIRED, permissions, ROLE_REQUIRED, type Permission } from '../../../contract/permissions.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { installAccessControl } from './access.js';
import type { Access, ProtectedAccess } from './permissions.js';

type Route = { method: string; url: string; access: ProtectedAccess };
type Family = Awaited<ReturnType<typeof signUpVerified>>;

/** A request for `route` in `family`: every account parameter names one of its accounts. */
function urlFor(route: Route, family: { apiKey: string; subaccount: string }): string {
  return route.url
    .replace(':api_key', family.apiKey)
    .replace(':subaccount_key', family.subaccount)
    .replace(':secret_id', 'no-such-secret')
    .replace(/:[a-zA-Z_]+/g, '00000000-0000-4000-8000-000000000000');
}

/** The path parameter a route's declaration says names its account, if any. */
function pathAccountOf(route: Route): string | undefined {
  const target = route.access.account;
  if (!target || 'own' in target) return undefined;
  if ('account' in target) return target.account;
  return target.family === true ? undefined : target.family;
}

/** The declaration's own words: a 403 naming the permission (problem+json, or the legacy label). */
const refusedFor = (response: LightMyRequestResponse, permission: string) => response.statusCode === 403 && response.body.includes(`'${permission}'`);
/** The scope check's answer: 404 Invalid API Key, as if the account did not exist. */
const outOfScope = (response: LightMyRequestResponse) => response.statusCode === 404 && response.body.includes('#invalid-api-key');

describe('route access declarations', () => {
  let t: TestApp;
  let owner: Family;
  let stranger: Family;
  let subaccount: string;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpVerified(t.app, t.ctx);
    stranger = await signUpVerified(t.app, t.ctx);
    const created = await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, headers: { authorization: basic(owner.apiKey, owner.apiSecret) }, payload: { name: 'Scoped' } });
    subaccount = created.json().api_key;
    // Signing out last, so that the owner's session lasts the whole walk.
    routes = t.app.declaredRoutes
      .filter((route): route is Route => route.access.auth !== 'none' && route.method !== 'HEAD')
      .sort((a, b) => Number(a.url === '/api/sessions/current') - Number(b.url === '/api/sessions/current'));
  });
  afterAll(() => t.close());

  const call = (browser: Browser, route: Route) => browser.request({ method: route.method as 'GET', url: urlFor(route, { apiKey: owner.apiKey, subaccount }) });
  const permissionRoutes = () => routes.filter((route): route is Route & { access: { permission: Permission } } => route.access.permission !== 'signed-in');

  it('every registered route declares who may call it, and only the open pages are open', () => {
    expect(routes.length).toBeGreaterThan(20);
    const open = t.app.declaredRoutes.filter((route) => route.access.auth === 'none' && route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`);
    expect(open.sort()).toEqual(
      [
        'DELETE /dev/clock',
        'GET /dev/clock',
        'GET /*',
        'GET /dev/outbox',
        'GET /dev/inbound-sms',
        'POST /dev/inbound-sms',
        'POST /dev/clock',
        'GET /healthz',
        'GET /openapi.json',
        'GET /api/signups/:signupId',
        'POST /api/password-resets',
        'POST /api/password-resets/confirm',
        'POST /api/profile/email/confirm',
        'POST /api/sessions',
        'POST /api/signups',
        'POST /api/signups/:signupId/resend',
        'POST /api/signups/:signupId/verify',
        // The sandbox payment processor's own pages, as a third party serves them.
        'GET /sandbox-processor/paypal/approve',
        'POST /sandbox-processor/paypal/approve',
        'POST /sandbox-processor/v1/tokens',
      ].filter((route) => route !== 'GET /*' || t.app.declaredRoutes.some((r) => r.url === '/*')).sort(),
    );
  });

  it('every route that names an account in its path declares it, so the scope check sees it', () => {
    const undeclared = routes.filter((route) => {
      const named = [pathAccountOf(route), ...(route.access.within ?? []).map((field) => field.replace(/^params\./, ''))];
      return ['api_key', 'subaccount_key'].some((param) => route.url.includes(`:${param}`) && !named.includes(param));
    });
    expect(undeclared.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it('the owner passes every permission and scope check', async () => {
    const refused: string[] = [];
    for (const route of routes) {
      const response = await call(owner.browser, route);
      if (response.statusCode === 401 && !response.body.includes('not auto-reload enabled')) refused.push(`${route.method} ${route.url}: 401`);
      if (route.access.permission !== 'signed-in' && refusedFor(response, route.access.permission)) refused.push(`${route.method} ${route.url}: 403`);
      if (outOfScope(response)) refused.push(`${route.method} ${route.url}: 404`);
    }
    expect(refused).toEqual([]);
  });

  it('a member lacking exactly the declared permission gets 403 naming it; with it, passes', async () => {
    const member = await addMember(t, owner.apiKey, { permissions: [] });
    const wrong: string[] = [];
    for (const route of permissionRoutes()) {
      const { permission } = route.access;
      await member.setPermissions(permissions.filter((p) => p !== permission));
      const without = await call(member.browser, route);
      if (!refusedFor(without, permission)) wrong.push(`${route.method} ${route.url} without ${permission}: ${without.statusCode}`);
      expect(without.statusCode === 403 ? without.json().type ?? without.json()['error-code'] : '403').toMatch(new RegExp(`^(${PERMISSION_REQUIRED}|403)$`));
      await member.setPermissions([permission]);
      const withIt = await call(member.browser, route);
      if (withIt.statusCode === 403 && withIt.body.includes('permission')) wrong.push(`${route.method} ${route.url} with only ${permission}: ${withIt.body}`);
    }
    expect(wrong).toEqual([]);
  });

  it('each built-in role is allowed or refused exactly as the permission table in contract/ says', async () => {
    const member = await addMember(t, owner.apiKey, { roleId: 'read_only' });
    const wrong: string[] = [];
    for (const [roleId, role] of Object.entries(builtInRoles)) {
      await member.setRole(roleId);
      for (const route of permissionRoutes()) {
        const allowed = (role.permissions as readonly Permission[]).includes(route.access.permission);
        const response = await call(member.browser, route);
        if (refusedFor(response, route.access.permission) === allowed) wrong.push(`${role.name} ${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('another family gets 404 on every route that names an account of this one', async () => {
    const answers: string[] = [];
    const strangerKey = { authorization: basic(stranger.apiKey, stranger.apiSecret) };
    for (const route of routes.filter((r) => pathAccountOf(r) !== undefined)) {
      const url = urlFor(route, { apiKey: owner.apiKey, subaccount });
      const bySession = await stranger.browser.request({ method: route.method as 'GET', url });
      if (!outOfScope(bySession)) answers.push(`session ${route.method} ${route.url}: ${bySession.statusCode}`);
      if (route.access.auth === 'api') {
        const byKey = await t.app.inject({ method: route.method as 'GET', url, headers: strangerKey });
        if (!outOfScope(byKey)) answers.push(`API key ${route.method} ${route.url}: ${byKey.statusCode}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('a member scoped to one subaccount sees only it: lists filtered, anything else 404', async () => {
    const auth = { authorization: basic(owner.apiKey, owner.apiSecret) };
    const other = (await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, headers: auth, payload: { name: 'Outside', use_primary_account_balance: false } })).json().api_key;
    const own = (await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, headers: auth, payload: { name: 'Inside', use_primary_account_balance: false } })).json().api_key;
    const member = await addMember(t, owner.apiKey, { roleId: 'administrator', subaccounts: [own] });

    const list = (await member.browser.get(`/accounts/${owner.apiKey}/subaccounts`)).json();
    expect(list._embedded.subaccounts.map((s: { api_key: string }) => s.api_key)).toEqual([own]);
    const page = (await member.browser.get('/api/subaccounts')).json();
    expect(page.items.map((s: { api_key: string }) => s.api_key)).toEqual([own]);
    expect(page.totals.subaccounts).toBe(1);
    expect((await member.browser.get(`/accounts/${owner.apiKey}/subaccounts/${own}`)).statusCode).toBe(200);
    expect(outOfScope(await member.browser.get(`/accounts/${owner.apiKey}/subaccounts/${other}`))).toBe(true);
    expect(outOfScope(await member.browser.get(`/accounts/${other}/secrets`))).toBe(true);
    expect(outOfScope(await member.browser.get(`/accounts/${owner.apiKey}/secrets`))).toBe(true);
    expect((await member.browser.get(`/accounts/${own}/secrets`)).statusCode).toBe(200);

    const moved = await member.browser.post(`/accounts/${owner.apiKey}/balance-transfers`, { from: owner.apiKey, to: own, amount: 0.5 });
    expect(moved.statusCode).toBe(200);
    const outside = await member.browser.post(`/accounts/${owner.apiKey}/balance-transfers`, { from: owner.apiKey, to: other, amount: 0.5 });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().title).toBe('Invalid Transfer');
    await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/balance-transfers`, headers: auth, payload: { from: owner.apiKey, to: other, amount: 0.25 } });
    const transfers = (await member.browser.get(`/accounts/${owner.apiKey}/balance-transfers?start_date=2000-01-01T00:00:00Z`)).json();
    expect(transfers._embedded.balance_transfers.map((x: { to: string }) => x.to)).toEqual([own]);
    const history = (await member.browser.get('/api/subaccounts/transfers?start_date=2000-01-01T00:00:00Z')).json();
    expect(history.items.map((x: { to: string }) => x.to)).toEqual([own]);
    expect((await t.ctx.db.selectFrom('accounts').select('balance_micros').where('api_key', '=', other).executeTakeFirstOrThrow()).balance_micros).toBe(250_000);
  });

  it('routes for the owner (or the owner and Administrators) refuse every other built-in role, and a custom role holding every permission', async () => {
    const roleRoutes = routes.filter((route) => route.access.role);
    expect(roleRoutes.map((route) => `${route.method} ${route.url}`)).toEqual(expect.arrayContaining(['PUT /api/company', 'PUT /api/security/two-factor-requirement']));
    const member = await addMember(t, owner.apiKey, { roleId: 'read_only' });
    const wrong: string[] = [];
    for (const route of roleRoutes) {
      for (const roleId of [...Object.keys(builtInRoles), 'custom']) {
        if (roleId === 'custom') await member.setPermissions(permissions);
        else await member.setRole(roleId);
        const allowed = route.access.role === 'administrator' && roleId === 'administrator';
        const response = await call(member.browser, route);
        const refused = response.statusCode === 403 && response.json().type === ROLE_REQUIRED;
        if (refused === allowed) wrong.push(`${roleId} ${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses to register a route without an access declaration', async () => {
    const app = Fastify();
    installAccessControl(app, {
      db: t.ctx.db,
      sessions: t.ctx.sessions,
      verifyApiCredentials: async () => ({ ok: false, reason: 'bad_credentials' }),
      secureCookies: false,
    });
    expect(() => app.get('/open', async () => 'hi')).toThrow(/declares no access/);
    expect(() => app.get('/declared', { config: { access: { auth: 'none' } satisfies Access } }, async () => 'hi')).not.toThrow();
    await app.close();
  });
});
