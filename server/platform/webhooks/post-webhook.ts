import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkedLookup, systemResolver } from '../../modules/account/callback-address.js';

export interface WebhookAnswer {
  /** Null when no HTTP answer came (refused, reset, timed out, an address we may not call). */
  statusCode: number | null;
  latencyMs: number;
  /** The start of the answer's body, for the console's attempt list. */
  excerpt: string | null;
  error: string | null;
}

const EXCERPT_CHARS = 200;
const MAX_BODY_BYTES = 4_096;

/**
 * POSTs webhook bodies as JSON. Connections are kept alive per target, and every connection goes to
 * an address checked when it was resolved: only public unicast unless private addresses are allowed
 * (ALLOW_PRIVATE_CALLBACKS), as for the probe of a webhook URL before it is saved.
 */
export function createWebhookPoster(options: { allowPrivateAddresses: boolean; timeoutMs: number }) {
  const lookup = checkedLookup(systemResolver, options.allowPrivateAddresses);
  const agents = { http: new HttpAgent({ lookup, keepAlive: true, maxSockets: 16 }), https: new HttpsAgent({ lookup, keepAlive: true, maxSockets: 16 }) };

  async function post(url: string, body: string): Promise<WebhookAnswer> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('not an http or https URL');
    } catch (error) {
      return { statusCode: null, latencyMs: 0, excerpt: null, error: (error as Error).message };
    }
    const secure = target.protocol === 'https:';
    try {
      const { statusCode, text } = await new Promise<{ statusCode: number; text: string }>((resolve, reject) => {
        const request = (secure ? httpsRequest : httpRequest)(
          target,
          {
            method: 'POST',
            agent: secure ? agents.https : agents.http,
            signal: AbortSignal.timeout(options.timeoutMs),
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Switchboard-Webhooks/1.0' },
          },
          (response) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on('data', (chunk: Buffer) => {
              if (size < MAX_BODY_BYTES) chunks.push(chunk);
              size += chunk.length;
            });
            response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
      return { statusCode, latencyMs: latency(), excerpt: text.slice(0, EXCERPT_CHARS) || null, error: null };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
      return { statusCode: null, latencyMs: latency(), excerpt: null, error: reason === 'AbortError' || reason === 'TimeoutError' ? 'timed out' : reason };
    }
  }

  return {
    post,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

export type WebhookPoster = ReturnType<typeof createWebhookPoster>;
