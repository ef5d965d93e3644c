import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../config.js';
import { createSecretBox, encryptionKey } from './secret-box.js';

describe('secret box (AES-256-GCM)', () => {
  it('round-trips, never repeats a ciphertext, and refuses a tampered value or another key', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it('reads the key from ENCRYPTION_KEY, or generates the key file once outside production', () => {
    const key = randomBytes(32);
    expect(encryptionKey(configSchema.parse({ ENCRYPTION_KEY: key.toString('base64') }))).toEqual(key);
    expect(() => encryptionKey(configSchema.parse({ ENCRYPTION_KEY: 'c2hvcnQ=' }))).toThrow(/32 random bytes/);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-key-')), 'nested', 'encryption.key');
    const generated = encryptionKey(configSchema.parse({ ENCRYPTION_KEY_FILE: file }));
    expect(generated).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(encryptionKey(configSchema.parse({ ENCRYPTION_KEY_FILE: file }))).toEqual(generated);
    expect(() => encryptionKey(configSchema.parse({ NODE_ENV: 'production', ENCRYPTION_KEY_FILE: `${file}.missing` }))).toThrow(/no encryption key/);
  });
});
