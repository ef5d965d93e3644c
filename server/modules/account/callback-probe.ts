import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkedLookup, isPublicUnicast, systemResolver, type Resolver } from './callback-address.js';

export type ProbeResult = { ok: true; status: number } | { ok: false; reason: string };

export interface ProbeOptions {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
  /** Name resolution; the system's by default. */
  resolve?: Resolver;
}

/** Whatever went wrong past the URL's syntax, the caller learns only this: no port-scanning detail. */
export const PROBE_FAILED = 'did not answer 200 OK';

/**
 * Whether a webhook URL may be used at all, before anything is sent to it: an http or https URL,
 * and unless private addresses are allowed, not an address literal outside public unicast. For
 * webhooks that are not probed (a number's voice status callback) this is the whole check.
 */
export function classifyCallbackUrl(url: string, allowPrivateAddresses: boolean): { ok: true; url: URL } | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: 'must be an http or https URL' };
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !allowPrivateAddresses && !isPublicUnicast(host)) return { ok: false, reason: PROBE_FAILED };
  return { ok: true, url: parsed };
}

/**
 * Checks that a webhook URL answers 200 OK to a GET before it is saved, as Vonage does. Unless private
 * addresses are allowed, it connects only to public unicast addresses, and to the one it checked.
 */
export async function probeCallbackUrl(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const classified = classifyCallbackUrl(url, options.allowPrivateAddresses);
  if (!classified.ok) return classified;
  const parsed = classified.url;
  const lookup = checkedLookup(options.resolve ?? systemResolver, options.allowPrivateAddresses);
  const secure = parsed.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ lookup, keepAlive: false }) : new HttpAgent({ lookup, keepAlive: false });
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(parsed, { method: 'GET', agent, signal: AbortSignal.timeout(options.timeoutMs) }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    return status === 200 ? { ok: true, status } : { ok: false, reason: PROBE_FAILED };
  } catch {
    return { ok: false, reason: PROBE_FAILED };
  } finally {
    agent.destroy();
  }
}
