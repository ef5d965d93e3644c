import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityActors } from '../../../contract/activity.js';
import { inTransaction } from '../../db/database.js';
import { operatorAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { basic } from '../../testing/basic-auth.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { setCreditLimit } from '../account/operator.js';
import { activityCsvHeader } from './export-activity.js';

describe('activity CSV export and the actor filter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function family() {
    const owner = await signUpVerified(t.app, t.ctx);
    const auth = { authorization: basic(owner.apiKey, owner.apiSecret) };
    const subs: string[] = [];
    for (const name of ['Inside', 'Outside']) {
      t.clock.advance(1000);
      const created = await t.app.inject({ method: 'POST', url: `/accounts/${owner.apiKey}/subaccounts`, payload: { name, use_primary_account_balance: false }, headers: auth });
      subs.push(created.json().api_key);
    }
    return { owner, auth, inside: subs[0], outside: subs[1] };
  }

  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

  it('streams what the filters select, newest first, with a readable difference per entry', async () => {
    const { owner, auth, inside } = await family();
    t.clock.advance(1000);
    await setCreditLimit(t.ctx, owner.apiKey, -250_000_000);
    t.clock.advance(1000);
    await t.app.inject({ method: 'PATCH', url: `/accounts/${owner.apiKey}/subaccounts/${inside}`, payload: { name: 'Renamed' }, headers: auth });

    const response = await owner.browser.get('/api/activity/export.csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="activity-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = lines(response.body);
    expect(rows[0]).toBe(activityCsvHeader.join(','));
    expect(rows).toHaveLength(6);
    expect(rows[1]).toContain(',Subaccount changed,subaccount.updated,');
    expect(rows[1]).toContain('Name: Inside → Renamed');
    expect(rows[2]).toContain('Credit limit: €0.00 → -€250.00');
    expect(rows.at(-1)).toContain(',Account created,account.created,');

    const filtered = lines((await owner.browser.get(`/api/activity/export.csv?kind=subaccount.created&api_key=${inside}`)).body);
    expect(filtered).toHaveLength(2);
    expect(filtered[1]).toContain(inside);
    expect(lines((await owner.browser.get(`/api/activity/export.csv?to=${encodeURIComponent(new Date(0).toISOString())}`)).body)).toHaveLength(1);
    expect((await owner.browser.get('/api/activity/export.csv?kind=nope')).statusCode).toBe(422);
  });

  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', async () => {
    const { owner, auth, inside } = await family();
    t.clock.advance(1000);
    await t.app.inject({ method: 'PATCH', url: `/accounts/${owner.apiKey}/subaccounts/${inside}`, payload: { name: '=HYPERLINK("x")' }, headers: auth });
    await inTransaction(t.ctx.database, (tx) =>
      recordActivity(tx, t.ctx.clock, { ...operatorAuthor, name: '@evil, "quoted"\nname' }, { kind: 'subaccount.updated', primaryApiKey: owner.apiKey, apiKey: inside }),
    );
    const csv = (await owner.browser.get('/api/activity/export.csv?kind=subaccount.updated')).body;
    expect(csv).toContain('"\'@evil, ""quoted""\nname"');
    expect(csv).toContain('Name: Inside → =HYPERLINK(""x"")');
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('gives a member scoped to a subaccount only the entries inside it, in the CSV and the actor list too', async () => {
    const { owner, inside, outside } = await family();
    const scoped = await addMember(t, owner.apiKey, { roleId: 'read_only', subaccounts: [inside] });
    const rows = lines((await scoped.browser.get('/api/activity/export.csv')).body).slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(inside);
    expect(lines((await scoped.browser.get(`/api/activity/export.csv?api_key=${outside}`)).body)).toHaveLength(1);
    expect(lines((await scoped.browser.get(`/api/activity/export.csv?api_key=${owner.apiKey}`)).body)).toHaveLength(1);

    const ownerActors = ((await owner.browser.get('/api/activity/actors')).json() as ActivityActors).actors;
    // The owner, the API key and the member (who signed in).
    expect(ownerActors.map((actor) => actor.kind).sort()).toEqual(['api_key', 'user', 'user']);
    await t.app.inject({ method: 'PATCH', url: `/accounts/${owner.apiKey}/subaccounts/${outside}`, payload: { name: 'Other' }, headers: { authorization: basic(owner.apiKey, owner.apiSecret) } });
    expect(((await scoped.browser.get('/api/activity/actors')).json() as ActivityActors).actors).toEqual([{ id: owner.apiKey, kind: 'api_key', name: `API key ${owner.apiKey}` }]);

    const developer = await addMember(t, owner.apiKey, { roleId: 'developer' });
    expect((await developer.browser.get('/api/activity/export.csv')).statusCode).toBe(403);
  });
});
