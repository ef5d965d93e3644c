import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { verifySecret } from '../passwords.js';
import { createApiCredentialVerifier } from './api-credentials.js';

describe('API credential verification', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('spends one argon2 verification on an unknown key, as on a known key with a wrong secret', async () => {
    const { apiKey } = await signUpVerified(t.app, t.ctx);
    const hashesChecked: string[] = [];
    const verify = createApiCredentialVerifier(t.ctx.db, {
      verifySecret: (hash, plain) => {
        hashesChecked.push(hash);
        return verifySecret(hash, plain);
      },
    });

    expect(await verify({ apiKey: 'ffffffff', apiSecret: 'Wrong1secret' })).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(hashesChecked).toHaveLength(1);
    expect(hashesChecked[0]).toMatch(/^\$argon2id\$/);

    expect(await verify({ apiKey, apiSecret: 'Wrong1secret' })).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(hashesChecked).toHaveLength(2);
    expect(hashesChecked[1]).not.toBe(hashesChecked[0]);
  });
});
