import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../platform/clock.js';
import { signUpVerified } from '../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.js';

describe('the purge of expired records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const count = async (table: 'sessions' | 'signups' | 'pin_challenges' | 'password_resets' | 'idempotency_keys' | 'outbox' | 'users' | 'abuse_events') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  async function idempotencyKey(key: string) {
    await t.ctx.db
      .insertInto('idempotency_keys')
      .values({ owner: 'api_key:abcd1234', key, primary_api_key: 'abcd1234', request_hash: 'h', status_code: 200, response_body: '{}', created_at: t.clock.now().toISOString() })
      .execute();
  }

  async function reviewSignup(id: string, daysAgo: number) {
    await t.ctx.db
      .insertInto('signups')
      .values({
        id,
        company_name: 'Review Ltd',
        name: 'R',
        email: `${id}@example.com`,
        password_hash: 'x',
        phone: '+2348031234567',
        country: 'NG',
        status: 'review',
        pins_sent: 0,
        api_key: null,
        created_at: new Date(t.clock.now().getTime() - daysAgo * DAY).toISOString(),
      })
      .execute();
  }

  it('deletes what has outlived its retention and keeps the rest', async () => {
    const old = await signUpVerified(t.app, t.ctx);
    await new Browser(t.app).post('/api/password-resets', { email: old.input.email });
    expect((await old.browser.post('/api/profile/email', { email: `new.${old.input.email}`, password: old.input.password })).statusCode).toBe(202);
    expect((await old.browser.post('/api/profile/phone', { phone: '07400 966001', country: 'GB' })).statusCode).toBe(201);
    await idempotencyKey('old');
    await reviewSignup('review-old', 23);
    await reviewSignup('review-recent', 0);
    await t.jobs.runDue();
    expect(await count('password_resets')).toBe(1);

    const oldAbuseEvents = await count('abuse_events');
    expect(oldAbuseEvents).toBeGreaterThanOrEqual(6);

    t.clock.advance(8 * DAY);
    const recent = await signUpVerified(t.app, t.ctx);
    await idempotencyKey('recent');
    const recentAbuseEvents = (await count('abuse_events')) - oldAbuseEvents;
    expect(recentAbuseEvents).toBeGreaterThan(0);
    const [purge] = (await t.jobs.runDue()).filter((run) => run.job === 'purge-expired');

    expect(purge).toMatchObject({
      status: 'succeeded',
      outcome: `sessions 1, signups 2, password_resets 1, email_changes 1, phone_changes 1, idempotency_keys 1, outbox 5, job_runs 0, abuse_events ${oldAbuseEvents}, webhook_deliveries 0`,
    });
    // The limits keep counting what happened within their windows.
    expect(await count('abuse_events')).toBe(recentAbuseEvents);
    const signups = await t.ctx.db.selectFrom('signups').select('email').orderBy('email').execute();
    expect(signups.map((s) => s.email).sort()).toEqual([recent.input.email, 'review-recent@example.com'].sort());
    expect(await count('pin_challenges')).toBe(1);
    expect(await count('sessions')).toBe(1);
    expect(await count('password_resets')).toBe(0);
    expect(await t.ctx.db.selectFrom('email_changes').select('new_email').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('phone_changes').select('id').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('idempotency_keys').select('key').execute()).toEqual([{ key: 'recent' }]);
    expect((await t.ctx.outbox.list()).map((message) => message.recipient)).toEqual([recent.e164]);
    // Accounts and users are never purged.
    expect(await count('users')).toBe(2);
    expect((await new Browser(t.app).post('/api/sessions', { email: old.input.email, password: old.input.password })).statusCode).toBe(200);
  });
});
