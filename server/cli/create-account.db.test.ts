import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin as admin } from '../testing/run-admin.js';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.js';

describe('operator CLI: create-account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a verified primary account while the server runs, and prints its credentials', async () => {
    const result = await admin(t.url, ['create-account', '--email', 'ops@example.com', '--password', 'operator pass 1', '--company', 'Ops Ltd', '--phone', '+447400123456', '--name', 'Olive']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]);
    expect(created.api_key).toMatch(/^[0-9a-f]{8}$/);
    expect(created.api_secret).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,25}$/);

    const browser = new Browser(t.app);
    const signedIn = await browser.post('/api/sessions', { email: 'ops@example.com', password: 'operator pass 1' });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.name).toBe('Olive');
    expect((await browser.get('/api/account')).json()).toMatchObject({ api_key: created.api_key, balance: 2, demo: true });
  });

  it('exits 2 with a clear message on bad input or a duplicate, creating nothing', async () => {
    const bad = await admin(t.url, ['create-account', '--email', 'nope', '--password', 'x', '--company', 'C', '--phone', '12']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--email: Enter a valid e-mail address/);
    expect(bad.stderr).toMatch(/--phone: must be a valid number/);
    expect(bad.stdout).toBe('');

    const duplicate = await admin(t.url, ['create-account', '--email', 'ops@example.com', '--password', 'operator pass 1', '--company', 'Ops Ltd', '--phone', '+447400123457']);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/already exists/);
    const accounts = await t.ctx.db.selectFrom('accounts').select('api_key').execute();
    expect(accounts).toHaveLength(1);
  });
});
