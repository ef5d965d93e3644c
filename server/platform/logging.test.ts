import { describe, expect, it } from 'vitest';
import { configSchema } from '../config.js';
import { loggableUrl, loggerOptions } from './logging.js';

describe('request logging', () => {
  it('logs a route as its pattern with credential parameters and query fields redacted', () => {
    const url = loggableUrl({
      url: '/accounts/abcd1234/things/T0ken?api_key=abcd1234&api%5Fsecret=S3cret&pin=1234',
      routeOptions: { url: '/accounts/:api_key/things/:token' } as never,
      params: { api_key: 'abcd1234', token: 'T0ken' },
      query: { api_key: 'abcd1234', api_secret: 'S3cret', pin: '1234', note: ['a b', 'c'] },
    });
    expect(url).toBe('/accounts/abcd1234/things/[redacted]?api_key=abcd1234&api_secret=[redacted]&pin=[redacted]&note=a%20b&note=c');
  });

  it('redacts credential headers', () => {
    const options = loggerOptions(configSchema.parse({})) as { redact: string[] };
    expect(options.redact).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie']));
  });
});
