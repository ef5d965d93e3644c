import { allowPrivateCallbacks } from '../../config.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { Job } from '../../jobs/job.js';
import { HOUR, MINUTE, SECOND, type Clock } from '../clock.js';
import { createWebhookPoster, type WebhookAnswer, type WebhookPoster } from './post-webhook.js';

const BATCH = 200;
const PARALLEL = 16;
/** A delivery being sent for longer than this is taken to have died with its process. */
const SENDING_LEASE = 5 * MINUTE;
const TIMEOUT_MS = 10 * SECOND;
/** Retries for a day, as Vonage does for inbound messages, then the webhook is given up. */
export const WEBHOOK_RETRY_WINDOW = 24 * HOUR;
/** 10 s, 20 s, 40 s… between attempts, at most an hour. */
export const webhookRetryDelay = (attempts: number) => Math.min(10 * SECOND * 2 ** (attempts - 1), HOUR);

const posters = new WeakMap<AppContext, WebhookPoster>();
function posterOf(ctx: AppContext): WebhookPoster {
  let poster = posters.get(ctx);
  if (!poster) {
    poster = createWebhookPoster({ allowPrivateAddresses: allowPrivateCallbacks(ctx.config), timeoutMs: TIMEOUT_MS });
    posters.set(ctx, poster);
  }
  return poster;
}

/**
 * Sends the queued webhooks (delivery receipts, inbound SMS): claims a batch with one statement (so
 * several processes share the queue), posts them side by side, then records every attempt and each
 * outcome in one transaction. A 2xx answer delivers; anything else is retried with back-off.
 */
export const deliverWebhooksJob: Job = {
  name: 'deliver-webhooks',
  schedule: '*/5 * * * * *',
  kind: 'queue',
  async run(ctx) {
    const counts = { delivered: 0, retrying: 0, failed: 0 };
    for (;;) {
      const claimed = await claimBatch(ctx);
      if (claimed.length === 0) break;
      const answers = await postAll(posterOf(ctx), ctx.clock, claimed);
      const outcome = await record(ctx, claimed, answers);
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += outcome[key];
      if (claimed.length < BATCH) break;
    }
    const total = counts.delivered + counts.retrying + counts.failed;
    return total === 0 ? '' : `delivered ${counts.delivered}, retrying ${counts.retrying}, failed ${counts.failed}`;
  },
};

async function claimBatch(ctx: AppContext) {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const due = ctx.db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', 'in', ['pending', 'delivering'])
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('next_attempt_at')
    .limit(BATCH);
  return ctx.db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ status: 'delivering', attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + SENDING_LEASE).toISOString() }))
    .where('id', 'in', due)
    // Re-checked under the row lock: another process may have claimed it meanwhile.
    .where('status', 'in', ['pending', 'delivering'])
    .where('next_attempt_at', '<=', nowIso)
    .returning(['id', 'url', 'payload', 'attempts', 'created_at'])
    .execute();
}

type Claimed = Awaited<ReturnType<typeof claimBatch>>[number];

async function postAll(poster: WebhookPoster, clock: Clock, claimed: Claimed[]): Promise<{ startedAt: string; answer: WebhookAnswer }[]> {
  const answers = new Array<{ startedAt: string; answer: WebhookAnswer }>(claimed.length);
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const index = next++;
      const startedAt = clock.now().toISOString();
      answers[index] = { startedAt, answer: await poster.post(claimed[index].url, claimed[index].payload ?? '{}') };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, worker));
  return answers;
}

async function record(ctx: AppContext, claimed: Claimed[], answers: { startedAt: string; answer: WebhookAnswer }[]) {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const delivered: string[] = [];
  const failed: string[] = [];
  const retries = new Map<string, string[]>();
  claimed.forEach((delivery, index) => {
    const { statusCode } = answers[index].answer;
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) return delivered.push(delivery.id);
    const retryAt = now.getTime() + webhookRetryDelay(delivery.attempts);
    if (retryAt - new Date(delivery.created_at).getTime() > WEBHOOK_RETRY_WINDOW) return failed.push(delivery.id);
    const at = new Date(retryAt).toISOString();
    retries.set(at, [...(retries.get(at) ?? []), delivery.id]);
  });

  await inTransaction(ctx.database, async (tx) => {
    await tx
      .insertInto('webhook_attempts')
      .values(
        claimed.map((delivery, index) => {
          const { startedAt, answer } = answers[index];
          return {
            delivery_id: delivery.id,
            attempt: delivery.attempts,
            started_at: startedAt,
            status_code: answer.statusCode,
            latency_ms: answer.latencyMs,
            response_excerpt: answer.excerpt,
            error: answer.error,
          };
        }),
      )
      .execute();
    // Once the webhook has it (or never will), its body — an inbound message's text — is not kept.
    if (delivered.length > 0) {
      await tx.updateTable('webhook_deliveries').set({ status: 'delivered', delivered_at: nowIso, next_attempt_at: null, payload: null }).where('id', 'in', delivered).execute();
    }
    if (failed.length > 0) {
      await tx.updateTable('webhook_deliveries').set({ status: 'failed', next_attempt_at: null, payload: null }).where('id', 'in', failed).execute();
    }
    for (const [at, ids] of retries) {
      await tx.updateTable('webhook_deliveries').set({ status: 'pending', next_attempt_at: at }).where('id', 'in', ids).execute();
    }
  });
  return { delivered: delivered.length, retrying: claimed.length - delivered.length - failed.length, failed: failed.length };
}

/** Stops keeping connections to webhooks open (the server is shutting down). */
export function closeWebhookConnections(ctx: AppContext): void {
  posters.get(ctx)?.close();
  posters.delete(ctx);
}
