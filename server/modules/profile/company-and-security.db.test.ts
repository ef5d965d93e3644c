import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPage } from '../../../contract/activity.js';
import { ROLE_REQUIRED, TWO_FACTOR_ENROLMENT_REQUIRED } from '../../../contract/permissions.js';
import type { TwoFactorEnrolment } from '../../../contract/profile.js';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { addMember } from '../../testing/member-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { isSealed, sealPlaintextTotpSecrets } from '../../platform/secret-box.js';

const company = {
  company_name: 'Acme Telecom GmbH',
  address_line: 'Friedrichstraße 1',
  city: 'Berlin',
  postcode: '10117',
  country: 'DE',
  vat_number: 'DE 136 695 976',
};

describe('company details, the team two-factor rule, TOTP secrets at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const put = (browser: Browser, url: string, payload: object) => browser.request({ method: 'PUT', url, payload });
  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

  async function enrol(browser: Browser): Promise<string> {
    const { secret } = (await browser.post('/api/profile/two-factor/enrolment')).json() as TwoFactorEnrolment;
    const confirmed = await browser.post('/api/profile/two-factor/enrolment/confirm', { code: await codeAt(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return secret;
  }

  it('the owner and Administrators change the company; anyone else is refused by the server', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const saved = await put(owner.browser, '/api/company', company);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ ...company, vat_number: 'DE136695976', editable: true });
    expect((await owner.browser.get('/api/session')).json().account.company_name).toBe('Acme Telecom GmbH');

    const admin = await addMember(t, owner.apiKey, { roleId: 'administrator' });
    expect((await put(admin.browser, '/api/company', { ...company, city: 'München' })).statusCode).toBe(200);

    for (const roleId of ['developer', 'finance', 'read_only']) {
      const member = await addMember(t, owner.apiKey, { roleId });
      const refused = await put(member.browser, '/api/company', { ...company, company_name: 'Hijacked' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ type: ROLE_REQUIRED, role: 'administrator' });
      expect((await member.browser.get('/api/company')).json()).toMatchObject({ company_name: 'Acme Telecom GmbH', city: 'München', editable: false });
    }
    // Every permission in a custom role is still not the Administrator role.
    const custom = await addMember(t, owner.apiKey, { permissions: ['team:manage', 'billing:write', 'account:read'] });
    expect((await put(custom.browser, '/api/company', company)).statusCode).toBe(403);

    const entries = ((await owner.browser.get('/api/activity?kind=company.updated')).json() as ActivityPage).entries;
    expect(entries.map((entry) => entry.changes)).toContainEqual([{ field: 'city', before: 'Berlin', after: 'München' }]);
    expect(entries).toHaveLength(2);
  });

  it('checks the VAT number against the format of the company\'s EU country (jsvat)', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const reasonFor = async (payload: object) => {
      const response = await put(owner.browser, '/api/company', { ...company, ...payload });
      return response.statusCode === 200 ? 'ok' : (response.json().invalid_parameters as { name: string; reason: string }[]).map((p) => `${p.name}: ${p.reason}`).join('; ');
    };
    expect(await reasonFor({ vat_number: 'DE136695977' })).toBe('vat_number: This is not a valid Germany VAT number: check its digits');
    expect(await reasonFor({ vat_number: 'FR40303265045' })).toBe('vat_number: A Germany VAT number starts with DE');
    expect(await reasonFor({ country: 'FR', vat_number: 'FR40303265045' })).toBe('ok');
    expect(await reasonFor({ country: 'GR', vat_number: 'EL094259216' })).toBe('ok');
    expect(await reasonFor({ country: 'US', vat_number: 'DE136695976' })).toMatch(/^vat_number: VAT numbers are checked for companies in the EU/);
    expect(await reasonFor({ country: '', vat_number: 'DE136695976' })).toMatch(/^country: /);
    expect(await reasonFor({ country: 'US', vat_number: '' })).toBe('ok');
    expect(await reasonFor({ company_name: '  ' })).toBe('company_name: Enter the company name');
  });

  it('only the owner requires two-factor sign-in, after turning it on for themselves', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const admin = await addMember(t, owner.apiKey, { roleId: 'administrator' });
    expect((await put(admin.browser, '/api/security/two-factor-requirement', { require_two_factor: true })).json()).toMatchObject({ type: ROLE_REQUIRED, role: 'owner' });
    const first = await put(owner.browser, '/api/security/two-factor-requirement', { require_two_factor: true });
    expect(first.statusCode).toBe(409);
    expect(first.json().invalid_parameters[0].name).toBe('require_two_factor');
    await enrol(owner.browser);
    expect((await put(owner.browser, '/api/security/two-factor-requirement', { require_two_factor: true })).json()).toEqual({ require_two_factor: true });
    expect((await owner.browser.get('/api/subaccounts')).statusCode).toBe(200);
  });

  it('sends a member without two-factor sign-in to enrol before anything else works, server-side', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const member = await addMember(t, owner.apiKey, { roleId: 'developer' });
    await enrol(owner.browser);
    t.clock.advance(30_000);
    await put(owner.browser, '/api/security/two-factor-requirement', { require_two_factor: true });

    const refused = await member.browser.get('/api/subaccounts');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe(TWO_FACTOR_ENROLMENT_REQUIRED);
    expect((await member.browser.get(`/accounts/${owner.apiKey}/secrets`)).json().type).toBe(TWO_FACTOR_ENROLMENT_REQUIRED);
    expect((await member.browser.get('/api/profile')).statusCode).toBe(403);
    const session = await member.browser.get('/api/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().user.two_factor_enrolment_required).toBe(true);
    // An API key is no member: the rule is about console users.
    expect((await t.app.inject({ method: 'GET', url: '/account/get-balance', query: { api_key: owner.apiKey, api_secret: owner.apiSecret } })).statusCode).toBe(200);

    await enrol(member.browser);
    expect((await member.browser.get('/api/subaccounts')).statusCode).toBe(200);
    expect((await member.browser.get('/api/session')).json().user.two_factor_enrolment_required).toBe(false);

    t.clock.advance(60_000);
    await put(owner.browser, '/api/security/two-factor-requirement', { require_two_factor: false });
    const entries = ((await owner.browser.get('/api/activity?kind=security.two_factor_requirement_set')).json() as ActivityPage).entries;
    expect(entries.map((entry) => entry.changes[0].after)).toEqual([false, true]);
  });

  it('a member with a temporary password sets it first, then enrols', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const member = await addMember(t, owner.apiKey, { roleId: 'read_only', mustChangePassword: true });
    await enrol(owner.browser);
    await put(owner.browser, '/api/security/two-factor-requirement', { require_two_factor: true });
    expect((await member.browser.post('/api/profile/two-factor/enrolment')).statusCode).toBe(403);
    const set = await member.browser.post('/api/session/password', { current_password: member.password, new_password: 'my own password 9' });
    expect(set.statusCode, set.body).toBe(200);
    expect((await member.browser.get('/api/subaccounts')).json().type).toBe(TWO_FACTOR_ENROLMENT_REQUIRED);
    await enrol(member.browser);
    expect((await member.browser.get('/api/subaccounts')).statusCode).toBe(200);
  });

  it('keeps TOTP secrets encrypted at rest and seals ones stored before encryption', async () => {
    const owner = await signUpVerified(t.app, t.ctx);
    const secret = await enrol(owner.browser);
    const row = await t.ctx.db.selectFrom('users').select(['id', 'totp_secret']).where('email', '=', owner.input.email).executeTakeFirstOrThrow();
    expect(isSealed(row.totp_secret!)).toBe(true);
    expect(row.totp_secret).not.toContain(secret);
    expect(t.ctx.secretBox.open(row.totp_secret!)).toBe(secret);

    // A secret written in clear (before this release) is sealed at start-up and still signs in.
    await t.ctx.db.updateTable('users').set({ totp_secret: secret }).where('id', '=', row.id).execute();
    expect(await sealPlaintextTotpSecrets(t.ctx.db, t.ctx.secretBox)).toBeGreaterThanOrEqual(1);
    expect(await sealPlaintextTotpSecrets(t.ctx.db, t.ctx.secretBox)).toBe(0);
    t.clock.advance(30_000);
    const signedIn = await new Browser(t.app).post('/api/sessions', { ...owner.input, code: await codeAt(secret) });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
  });
});
