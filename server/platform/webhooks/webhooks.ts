import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../db/database.js';
import type { WebhookAttemptsTable, WebhookDeliveriesTable } from '../../db/schema.js';
import type { Clock } from '../clock.js';

export type WebhookKind = WebhookDeliveriesTable['kind'];

export interface OutgoingWebhook {
  primaryApiKey: string;
  apiKey: string;
  messageId: string | null;
  kind: WebhookKind;
  url: string;
  payload: Record<string, string>;
}

/** Queues webhooks with one insert, in the caller's transaction when it passes one: they go out only if it commits. */
export async function queueWebhooks(executor: Db | Tx, clock: Clock, webhooks: OutgoingWebhook[]): Promise<void> {
  if (webhooks.length === 0) return;
  const now = clock.now().toISOString();
  await executor
    .insertInto('webhook_deliveries')
    .values(
      webhooks.map((webhook) => ({
        id: randomUUID(),
        primary_api_key: webhook.primaryApiKey,
        api_key: webhook.apiKey,
        message_id: webhook.messageId,
        kind: webhook.kind,
        url: webhook.url,
        payload: JSON.stringify(webhook.payload),
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        delivered_at: null,
      })),
    )
    .execute();
}

export type WebhookAttemptView = Omit<WebhookAttemptsTable, 'delivery_id'>;

export interface WebhookDeliveryView {
  id: string;
  kind: WebhookKind;
  url: string;
  status: WebhookDeliveriesTable['status'];
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string | null;
  attempts: WebhookAttemptView[];
}

/** The webhooks sent about some messages, oldest first, each with its attempts. */
export async function webhooksOfMessages(db: Db, messageIds: string[]): Promise<WebhookDeliveryView[]> {
  if (messageIds.length === 0) return [];
  const deliveries = await db.selectFrom('webhook_deliveries').selectAll().where('message_id', 'in', messageIds).orderBy('created_at').orderBy('id').execute();
  if (deliveries.length === 0) return [];
  const attempts = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where(
      'delivery_id',
      'in',
      deliveries.map((delivery) => delivery.id),
    )
    .orderBy('attempt')
    .execute();
  return deliveries.map((delivery) => ({
    id: delivery.id,
    kind: delivery.kind,
    url: delivery.url,
    status: delivery.status,
    created_at: delivery.created_at,
    delivered_at: delivery.delivered_at,
    next_attempt_at: delivery.status === 'pending' ? delivery.next_attempt_at : null,
    attempts: attempts
      .filter((attempt) => attempt.delivery_id === delivery.id)
      .map(({ attempt, started_at, status_code, latency_ms, response_excerpt, error }) => ({ attempt, started_at, status_code, latency_ms, response_excerpt, error })),
  }));
}
