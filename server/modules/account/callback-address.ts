import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Whether a webhook may be sent to this address: only ordinary public unicast, after unwrapping an
 * IPv4-mapped IPv6 address. Loopback, private, link-local, NAT64 (64:ff9b::/96), 6to4, Teredo,
 * site-local and every other special range are refused.
 */
export function isPublicUnicast(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true });

/**
 * A socket lookup that resolves the host once, checks every address it got and hands the socket the
 * very address that was checked, so a second DNS answer cannot point the connection elsewhere.
 */
export function checkedLookup(resolve: Resolver, allowPrivateAddresses: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.length === 0 || (!allowPrivateAddresses && !addresses.every((a) => isPublicUnicast(a.address)));
        if (refused) {
          callback(Object.assign(new Error(`${hostname} does not resolve to a public address`), { code: 'EADDRNOTAVAIL' }), '', 4);
          return;
        }
        const [chosen] = addresses;
        if (options.all) (callback as unknown as (e: null, all: typeof addresses) => void)(null, [chosen]);
        else callback(null, chosen.address, chosen.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
