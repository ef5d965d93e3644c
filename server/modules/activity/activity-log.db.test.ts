import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, ActivityPage } from '../../../contract/activity.js';
import { inTransaction } from '../../db/database.js';
import { operatorAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { setCreditLimit } from '../account/operator.js';

describe('activity log', () => {
  let t: TestApp;
  let webhook: Server;
  let webhookUrl: string;
  beforeAll(async () => {
    t = await createTestApp();
    webhook = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const address = webhook.address() as { port: number };
    webhookUrl = `http://127.0.0.1:${address.port}/inbound`;
  });
  afterAll(async () => {
    webhook.close();
    await t.close();
  });

  async function entries(browser: Browser, query = ''): Promise<ActivityEntry[]> {
    const response = await browser.get(`/api/activity${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as ActivityPage).entries;
  }

  it('records who changed what, from where, with the fields before and after, and never a secret or a password', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(owner.apiKey, owner.apiSecret) };
    const api = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, payload, headers: auth, remoteAddress: '198.51.100.7' });

    const signedIn = new Browser(t.app, '203.0.113.99');
    expect((await signedIn.post('/api/sessions', { email: owner.input.email, password: owner.input.password })).statusCode).toBe(200);

    const chosenSecret = 'Rotation2secretX';
    const secret = await api('POST', `/accounts/${owner.apiKey}/secrets`, { secret: chosenSecret });
    expect(secret.statusCode, secret.body).toBe(201);
    const secretId = (secret.json() as { id: string }).id;
    expect((await api('DELETE', `/accounts/${owner.apiKey}/secrets/${secretId}`)).statusCode).toBe(204);

    const settings = await t.app.inject({ method: 'POST', url: '/account/settings', payload: { moCallBackUrl: webhookUrl }, headers: auth });
    expect(settings.statusCode, settings.body).toBe(200);

    const created = await api('POST', `/accounts/${owner.apiKey}/subaccounts`, { name: 'Shop', use_primary_account_balance: false });
    const sub = created.json() as { api_key: string; secret: string };
    expect((await api('PATCH', `/accounts/${owner.apiKey}/subaccounts/${sub.api_key}`, { name: 'Shop EU', suspended: true })).statusCode).toBe(200);

    await setCreditLimit(t.ctx, owner.apiKey, -100_000_000);
    const credit = await api('POST', `/accounts/${owner.apiKey}/credit-transfers`, { from: owner.apiKey, to: sub.api_key, amount: 25.5 });
    expect(credit.statusCode, credit.body).toBe(200);

    const log = await entries(owner.browser, '?limit=200');
    const byKind = (kind: string) => log.filter((entry) => entry.kind === kind);

    expect(byKind('account.created')).toHaveLength(1);
    expect(byKind('user.signed_in')[0]).toMatchObject({ actor: { kind: 'user', name: owner.input.name }, ip: '203.0.113.99' });
    expect(byKind('secret.created')[0]).toMatchObject({
      actor: { kind: 'api_key', id: owner.apiKey },
      api_key: owner.apiKey,
      object_id: secretId,
      ip: '198.51.100.7',
    });
    expect(byKind('secret.revoked')[0]).toMatchObject({ object_id: secretId });
    expect(byKind('settings.updated')[0].changes).toEqual([{ field: 'mo_callback_url', before: null, after: webhookUrl }]);
    expect(byKind('subaccount.created')[0]).toMatchObject({ api_key: sub.api_key });
    expect(byKind('subaccount.updated')[0].changes).toEqual([
      { field: 'name', before: 'Shop', after: 'Shop EU' },
      { field: 'suspended', before: false, after: true },
    ]);
    expect(byKind('account.credit_limit_set')[0]).toMatchObject({
      actor: { kind: 'operator' },
      changes: [{ field: 'credit_limit', before: 0, after: -100 }],
    });
    expect(byKind('transfer.credit')[0]).toMatchObject({ api_key: sub.api_key, changes: expect.arrayContaining([{ field: 'amount', before: null, after: 25.5 }]) });

    const stored = JSON.stringify(await t.ctx.db.selectFrom('activity_entries').selectAll().execute());
    for (const secretText of [owner.apiSecret, chosenSecret, sub.secret, owner.input.password, '$argon2']) {
      expect(stored).not.toContain(secretText);
    }
  });

  it('writes nothing for a change that fails or rolls back', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(owner.apiKey, owner.apiSecret) };
    const sub = (await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, payload: { name: 'Broke', use_primary_account_balance: false }, headers: auth })).json() as { api_key: string };
    const refused = await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/credit-transfers`, payload: { from: owner.apiKey, to: sub.api_key, amount: 5 }, headers: auth });
    expect(refused.statusCode).toBe(403);

    await expect(
      inTransaction(t.ctx.database, async (tx) => {
        await recordActivity(tx, t.ctx.clock, operatorAuthor, { kind: 'account.topped_up', primaryApiKey: owner.apiKey, apiKey: owner.apiKey });
        throw new Error('the change failed after its entry was written');
      }),
    ).rejects.toThrow('the change failed');

    const kinds = (await entries(owner.browser)).map((entry) => entry.kind);
    expect(kinds).not.toContain('transfer.credit');
    expect(kinds).not.toContain('account.topped_up');
  });

  it('refuses to record a field that names a credential', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    await expect(
      inTransaction(t.ctx.database, (tx) =>
        recordActivity(tx, t.ctx.clock, operatorAuthor, {
          kind: 'settings.updated',
          primaryApiKey: owner.apiKey,
          apiKey: owner.apiKey,
          changes: [{ field: 'api_secret', before: null, after: 'Visible1secret' }],
        }),
      ),
    ).rejects.toThrow(/names a credential/);
  });

  it('pages newest first with a cursor, filters, and shows a family only its own entries', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const other = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(owner.apiKey, owner.apiSecret) };
    const subs: string[] = [];
    for (const name of ['A', 'B', 'C']) {
      t.clock.advance(1000);
      const created = await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, payload: { name }, headers: auth });
      subs.push((created.json() as { api_key: string }).api_key);
    }

    const first = (await owner.browser.get('/api/activity?kind=subaccount.created&limit=2')).json() as ActivityPage;
    expect(first.entries.map((entry) => entry.api_key)).toEqual([subs[2], subs[1]]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = (await owner.browser.get(`/api/activity?kind=subaccount.created&limit=2&cursor=${first.next_cursor}`)).json() as ActivityPage;
    expect(second.entries.map((entry) => entry.api_key)).toEqual([subs[0]]);
    expect(second.next_cursor).toBeNull();

    expect((await entries(owner.browser, `?api_key=${subs[1]}`)).map((entry) => entry.kind)).toEqual(['subaccount.created']);
    expect((await entries(owner.browser, `?actor=${owner.apiKey}`)).every((entry) => entry.actor.id === owner.apiKey)).toBe(true);
    expect(await entries(owner.browser, `?to=${encodeURIComponent(new Date(0).toISOString())}`)).toEqual([]);
    expect((await entries(other.browser)).map((entry) => entry.kind)).toEqual(['account.created']);

    const scoped = await addMember(t, owner.apiKey, { roleId: 'read_only', subaccounts: [subs[0]] });
    expect((await entries(scoped.browser)).map((entry) => entry.api_key)).toEqual([subs[0]]);
    const developer = await addMember(t, owner.apiKey, { roleId: 'developer' });
    expect((await developer.browser.get('/api/activity')).statusCode).toBe(403);

    const badCursor = await owner.browser.get('/api/activity?cursor=not-a-cursor');
    expect(badCursor.statusCode).toBe(422);
    expect(badCursor.json()).toMatchObject({ invalid_parameters: [{ name: 'cursor' }] });
  });
});
