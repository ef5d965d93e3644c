import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::1', 128], ['::', 128], ['fc00::', 7], ['fe80::', 10], ['::ffff:0:0', 96]] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

export type ProbeResult = { ok: true; status: number } | { ok: false; reason: string };

export interface ProbeOptions {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

/**
 * Checks that a webhook URL answers 200 OK to a GET before it is saved, as Vonage does. Refuses
 * loopback and private addresses unless allowed, so the probe cannot be aimed at our own network.
 */
export async function probeCallbackUrl(url: string, options: ProbeOptions): Promise<ProbeResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: 'must be an http or https URL' };
  if (!options.allowPrivateAddresses) {
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
    if (addresses.length === 0) return { ok: false, reason: `host ${host} could not be resolved` };
    if (addresses.some((a) => privateRanges.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4'))) {
      return { ok: false, reason: 'points to a private or loopback address' };
    }
  }
  try {
    const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    await response.body?.cancel();
    if (response.status !== 200) return { ok: false, reason: `answered ${response.status} instead of 200 OK` };
    return { ok: true, status: 200 };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { ok: false, reason: timedOut ? `did not answer within ${options.timeoutMs} ms` : 'could not be reached' };
  }
}
