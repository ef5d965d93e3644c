import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../platform/clock.js';
import { addMember } from '../../testing/member-fixtures.js';
import { signInOwner } from '../../testing/identity-fixtures.js';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.js';
import { basic, createSubaccount, smsAccount, smsBody, type SmsAccount } from '../sms/sms-test-helpers.js';
import { digitsUpperBound } from './search.js';

describe('messages: search, detail, CSV, permissions and scope', () => {
  let t: TestApp;
  let primary: SmsAccount;
  let subA: { apiKey: string; apiSecret: string };
  let subB: { apiKey: string; apiSecret: string };
  let owner: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    primary = await smsAccount(t, { demo: false });
    subA = await createSubaccount(t, primary.apiKey, { shared: true });
    subB = await createSubaccount(t, primary.apiKey, { shared: true });
    const send = async (name: string, who: { apiKey: string; apiSecret: string }, payload: Record<string, unknown>) => {
      t.clock.advance(1_000);
      const response = await t.app.inject({
        method: 'POST',
        url: '/sms/json',
        payload: { from: 'AcmeInc', text: `text ${name}`, 'client-ref': name, ...payload },
        headers: { authorization: basic(who.apiKey, who.apiSecret) },
      });
      ids[name] = smsBody(response).messages[0]['message-id'] ?? '';
    };
    await send('old', primary, { to: '447400100001' });
    t.clock.advance(25 * HOUR);
    await send('gb-primary', primary, { to: '447400100002' });
    await send('de-a', subA, { to: '4915123456789', from: '4420700000' });
    await send('gb-b', subB, { to: '447400200003' });
    await send('rejected-b', subB, { to: '819012345678' });
    await send('us-a', subA, { to: '12025550123' });
    owner = await signInOwner(t.app, primary.apiKey);
  });
  afterAll(() => t.close());

  const search = async (query: string, browser: Browser = owner) => {
    const response = await browser.get(`/api/messages${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { messages: { client_ref: string; id: string }[]; next_cursor: string | null };
  };
  const refs = async (query: string, browser: Browser = owner) => (await search(query, browser)).messages.map((m) => m.client_ref);

  it('searches the last 24 hours by default, newest first, and any range asked for', async () => {
    expect(await refs('')).toEqual(['us-a', 'rejected-b', 'gb-b', 'de-a', 'gb-primary']);
    expect(await refs(`?start=${encodeURIComponent(new Date(t.clock.now().getTime() - 30 * HOUR).toISOString())}`)).toHaveLength(6);
    const end = new Date(t.clock.now().getTime() - 2_500).toISOString();
    expect(await refs(`?end=${encodeURIComponent(end)}`)).toEqual(['de-a', 'gb-primary']);
  });

  it('filters by status, direction, number prefixes, country, subaccount, message id and client-ref', async () => {
    expect(await refs('?status=rejected')).toEqual(['rejected-b']);
    expect(await refs('?status=submitted&country=GB')).toEqual(['gb-b', 'gb-primary']);
    expect(await refs('?direction=inbound')).toEqual([]);
    expect(await refs('?direction=outbound&to=%2B4474')).toEqual(['gb-b', 'gb-primary']);
    expect(await refs('?to=4474002')).toEqual(['gb-b']);
    expect(await refs('?from=4420')).toEqual(['de-a']);
    expect(await refs('?from=Acme')).toEqual(['us-a', 'rejected-b', 'gb-b', 'gb-primary']);
    expect(await refs(`?api_key=${subA.apiKey}`)).toEqual(['us-a', 'de-a']);
    expect(await refs(`?message_id=${ids['gb-b']}`)).toEqual(['gb-b']);
    expect(await refs('?client_ref=de-a')).toEqual(['de-a']);
    expect((await owner.get('/api/messages?country=gb')).statusCode).toBe(422);
  });

  it('pages with a cursor and says whether there is more, never counting', async () => {
    const first = await search('?limit=2');
    expect(first.messages.map((m) => m.client_ref)).toEqual(['us-a', 'rejected-b']);
    const second = await search(`?limit=2&cursor=${first.next_cursor}`);
    expect(second.messages.map((m) => m.client_ref)).toEqual(['gb-b', 'de-a']);
    const third = await search(`?limit=2&cursor=${second.next_cursor}`);
    expect(third).toMatchObject({ next_cursor: null });
    expect(third.messages.map((m) => m.client_ref)).toEqual(['gb-primary']);
    expect((await owner.get('/api/messages?cursor=nonsense')).statusCode).toBe(422);
  });

  it('exports the search as CSV', async () => {
    const response = await owner.get(`/api/messages/export.csv?api_key=${subA.apiKey}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Time (UTC),Direction,Message ID,Account,From,To,Country,Network,Status,Error code,Error,Parts,Price (EUR),Client ref,Account ref,Text');
    expect(lines.slice(1).map((line) => line.split(',')[13])).toEqual(['us-a', 'de-a']);
    expect(lines[1]).toContain(`outbound,${ids['us-a']},${subA.apiKey},AcmeInc,12025550123,US,310260,Submitted,,,1,0.0077,us-a,,text us-a`);
  });

  it('needs usage:read (403), and shows a scoped member only their subaccounts', async () => {
    const without = await addMember(t, primary.apiKey, { permissions: ['account:read'] });
    for (const url of ['/api/messages', `/api/messages/${ids['gb-b']}`, '/api/messages/export.csv']) {
      expect((await without.browser.get(url)).statusCode).toBe(403);
    }
    const scoped = await addMember(t, primary.apiKey, { permissions: ['usage:read'], subaccounts: [subB.apiKey] });
    expect(await refs('', scoped.browser)).toEqual(['rejected-b', 'gb-b']);
    expect(await refs(`?api_key=${subA.apiKey}`, scoped.browser)).toEqual([]);
    expect((await scoped.browser.get(`/api/messages/${ids['gb-b']}`)).statusCode).toBe(200);
    expect((await scoped.browser.get(`/api/messages/${ids['de-a']}`)).statusCode).toBe(404);
    const csv = (await scoped.browser.get('/api/messages/export.csv')).body;
    expect(csv).toContain('gb-b');
    expect(csv).not.toContain('de-a');
    // Changing the family's text setting is not a reader's business.
    expect((await scoped.browser.request({ method: 'PUT', url: '/api/messages/settings', payload: { store_message_text: false } })).statusCode).toBe(403);
  });

  it('turns a number prefix into a range', () => {
    expect(digitsUpperBound('4479')).toBe('448');
    expect(digitsUpperBound('4470')).toBe('4471');
    expect(digitsUpperBound('99')).toBeNull();
  });
});
