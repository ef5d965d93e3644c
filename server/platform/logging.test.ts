import { describe, expect, it } from 'vitest';
import { configSchema } from '../config.js';
import { loggerOptions } from './logging.js';

describe('request logging', () => {
  it('cuts secrets, passwords, PINs and tokens out of logged URLs and redacts credential headers', () => {
    const options = loggerOptions(configSchema.parse({})) as {
      redact: string[];
      serializers: { req(request: { method: string; url: string; ip: string }): { url: string } };
    };
    const logged = options.serializers.req({ method: 'GET', url: '/account/get-balance?api_key=abcd1234&api_secret=S3cretValue&pin=1234&token=xyz', ip: '127.0.0.1' });
    expect(logged.url).toBe('/account/get-balance?api_key=abcd1234&api_secret=[redacted]&pin=[redacted]&token=[redacted]');
    expect(options.redact).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie']));
  });
});
