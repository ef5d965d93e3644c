import { useState } from 'react';
import { ApiError, noAnswerReason } from './api-client.js';

/**
 * A fresh Idempotency-Key (a random UUID) for a money-moving POST. crypto.randomUUID needs a secure
 * context; over plain http on another host the same v4 UUID is built from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Why the outcome of a request is unknown: it may have been applied, but no answer said so. */
export type UnknownOutcome = 'unreachable' | 'timeout' | 'server';

export function unknownOutcomeOf(error: unknown): UnknownOutcome | null {
  const reason = noAnswerReason(error);
  if (reason === 'unreachable' || reason === 'timeout') return reason;
  return error instanceof ApiError && error.status >= 500 ? 'server' : null;
}

/** A money movement sent but not answered, kept so that the person can retry exactly it. */
export interface UnsettledMovement<TBody> {
  body: TBody;
  key: string;
  reason: UnknownOutcome;
}

/**
 * Sends money movements (transfers, later top-ups and purchases) from one dialog. Each submission
 * gets a new Idempotency-Key. When no answer comes, the movement is kept as `unsettled` and only an
 * explicit `retry()` sends it again — the same body with the same key, so the server applies it at
 * most once. Offline nothing is sent (the API client refuses), so nothing becomes unsettled.
 */
export function useMoneyMovement<TBody, TResult>(send: (body: TBody, idempotencyKey: string) => Promise<TResult>) {
  const [unsettled, setUnsettled] = useState<UnsettledMovement<TBody> | null>(null);

  async function attempt(body: TBody, key: string): Promise<TResult> {
    try {
      const result = await send(body, key);
      setUnsettled(null);
      return result;
    } catch (error) {
      const reason = unknownOutcomeOf(error);
      if (reason) setUnsettled({ body, key, reason });
      else if (noAnswerReason(error) !== 'offline') setUnsettled(null); // answered: settled, if refused
      throw error;
    }
  }

  return {
    unsettled,
    submit: (body: TBody) => attempt(body, newIdempotencyKey()),
    retry: (movement: UnsettledMovement<TBody>) => attempt(movement.body, movement.key),
  };
}
