import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { messageIds, storedText } from './send-sms.js';

const field = (body: unknown, name: string, max: number): string | null => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, max) : null;
};

/**
 * A request of a known caller refused for its parameters (missing `to`, a bad `type`…) is a rejected
 * message too: recorded with what it said. A caller we could not identify has no account to record
 * it in (the API request log has it).
 */
export async function recordRefusedRequest(ctx: AppContext, request: FastifyRequest, refusal: { status: string; errorText: string }): Promise<void> {
  const account = request.account;
  if (!account) return;
  const primary = await ctx.db.selectFrom('accounts').select('store_message_text').where('api_key', '=', account.primary_api_key).executeTakeFirst();
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('messages')
    .values({
      id: messageIds(1)[0],
      primary_api_key: account.primary_api_key,
      api_key: account.api_key,
      sender: field(request.body, 'from', 50) ?? '',
      recipient: field(request.body, 'to', 32) ?? '',
      text: storedText(field(request.body, 'text', 1_000) ?? '', primary?.store_message_text === 1) || null,
      encoding: null,
      parts: 0,
      price_micros: 0,
      country: null,
      network: null,
      client_ref: field(request.body, 'client-ref', 100),
      account_ref: field(request.body, 'account-ref', 100),
      status: 'rejected',
      error_code: refusal.status,
      error_text: refusal.errorText,
      callback_url: null,
      receipt_due_at: null,
      status_at: now,
      created_at: now,
    })
    .execute();
}
