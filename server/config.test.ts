import { describe, expect, it } from 'vitest';
import { configSchema, devToolsEnabled, mailRelay, productionProblems } from './config.js';

const parse = (env: Record<string, string>) => configSchema.parse(env);

describe('configuration', () => {
  it('listens on loopback unless HOST is set', () => {
    expect(parse({}).HOST).toBe('127.0.0.1');
    expect(devToolsEnabled(parse({}))).toBe(true);
    expect(devToolsEnabled(parse({ HOST: '0.0.0.0' }))).toBe(false);
  });

  it('refuses production without a mail relay or an explicit outbox, without PUBLIC_URL and without an encryption key', () => {
    expect(productionProblems(parse({ NODE_ENV: 'production' }))).toEqual([
      expect.stringMatching(/^PUBLIC_URL must be set/),
      expect.stringMatching(/^SMTP_URL must be set in production, or MAIL_TRANSPORT=outbox/),
      expect.stringMatching(/^ENCRYPTION_KEY \(or ENCRYPTION_KEY_FILE\) must be set in production/),
    ]);
    const key = { ENCRYPTION_KEY: 'a'.repeat(43) + '=' };
    expect(productionProblems(parse({ NODE_ENV: 'production', PUBLIC_URL: 'https://c.example.com', SMTP_URL: 'smtp://relay:587', ...key }))).toEqual([]);
    expect(productionProblems(parse({ NODE_ENV: 'production', PUBLIC_URL: 'https://c.example.com', MAIL_TRANSPORT: 'outbox', ENCRYPTION_KEY_FILE: '/etc/switchboard/key' }))).toEqual([]);
    expect(productionProblems(parse({ NODE_ENV: 'production', PUBLIC_URL: 'https://c.example.com', MAIL_TRANSPORT: 'outbox', DEV_OUTBOX: 'on', ...key }))).toEqual([
      'DEV_OUTBOX=on is not allowed in production.',
    ]);
    expect(productionProblems(parse({}))).toEqual([]);
  });

  it('chooses the mail transport', () => {
    expect(mailRelay(parse({}))).toBeUndefined();
    expect(mailRelay(parse({ SMTP_URL: 'smtp://relay:587' }))).toBe('smtp://relay:587');
    expect(mailRelay(parse({ SMTP_URL: 'smtp://relay:587', MAIL_TRANSPORT: 'outbox' }))).toBeUndefined();
    expect(() => parse({ MAIL_TRANSPORT: 'smtp' })).toThrow(/MAIL_TRANSPORT=smtp needs SMTP_URL/);
  });
});
