import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedLookup, isPublicUnicast, type Resolver } from './callback-address.js';
import { PROBE_FAILED, probeCallbackUrl } from './callback-probe.js';

describe('webhook address classification', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['::ffff:8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['127.0.0.1', false],
    ['::ffff:127.0.0.1', false],
    ['::127.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['0.0.0.0', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['198.18.0.1', false],
    ['192.0.2.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['64:ff9b::7f00:1', false],
    ['2002:7f00:1::1', false],
    ['2001::1', false],
    ['fec0::1', false],
    ['fc00::1', false],
    ['fe80::1', false],
    ['2001:db8::1', false],
    ['not an address', false],
  ])('%s is public unicast: %s', (address, expected) => {
    expect(isPublicUnicast(address)).toBe(expected);
  });
});

describe('the checked lookup', () => {
  const lookUp = (lookup: ReturnType<typeof checkedLookup>, all = false) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      lookup('hook.example', { all }, (error, address) => resolve({ error, address })),
    );

  it('hands the socket the address it checked, whatever a later answer says', async () => {
    const answers = [[{ address: '8.8.8.8', family: 4 }], [{ address: '127.0.0.1', family: 4 }]];
    const rebinding: Resolver = async () => answers.shift() ?? [];
    const lookup = checkedLookup(rebinding, false);
    expect(await lookUp(lookup)).toEqual({ error: null, address: '8.8.8.8' });
    expect((await lookUp(lookup)).error?.code).toBe('EADDRNOTAVAIL');
  });

  it('refuses a name with any non-public address among its answers, unless private addresses are allowed', async () => {
    const mixed: Resolver = async () => [{ address: '8.8.8.8', family: 4 }, { address: '::ffff:10.0.0.1', family: 6 }];
    expect((await lookUp(checkedLookup(mixed, false))).error?.code).toBe('EADDRNOTAVAIL');
    expect(await lookUp(checkedLookup(mixed, true), true)).toEqual({ error: null, address: [{ address: '8.8.8.8', family: 4 }] });
  });
});

describe('the probe connects only where it checked (loopback only)', () => {
  let server: Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((_request, response) => response.end('ok'));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

  it('connects to the address its own lookup returned', async () => {
    const probe = await probeCallbackUrl(`http://hook.invalid:${port}/`, { timeoutMs: 2000, allowPrivateAddresses: true, resolve: toLoopback });
    expect(probe).toEqual({ ok: true, status: 200 });
  });

  it('in production neither a loopback literal nor a name resolving to loopback gets a connection, and the reason is generic', async () => {
    const before = connections;
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://hook.invalid:${port}/`]) {
      expect(await probeCallbackUrl(url, { timeoutMs: 2000, allowPrivateAddresses: false, resolve: toLoopback })).toEqual({ ok: false, reason: PROBE_FAILED });
    }
    expect(connections).toBe(before);
  });
});
