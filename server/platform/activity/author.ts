import type { FastifyRequest } from 'fastify';
import type { ActivityActorKind } from '../../../contract/activity.js';

/** Who made a change, as the activity log names them, and from which address. */
export interface ActivityAuthor {
  kind: ActivityActorKind;
  /** The user's id or the API key; null for the operator. */
  id: string | null;
  name: string;
  ip: string | null;
}

export const operatorAuthor: ActivityAuthor = { kind: 'operator', id: null, name: 'Operator (CLI)', ip: null };

export const systemAuthor = (job: string): ActivityAuthor => ({ kind: 'system', id: job, name: `System: ${job}`, ip: null });

export const userAuthor = (user: { id: string; name: string }, ip: string | null): ActivityAuthor => ({
  kind: 'user',
  id: user.id,
  name: user.name,
  ip,
});

/** The caller of an authenticated route; only call after the access hook ran. */
export function authorOf(request: FastifyRequest): ActivityAuthor {
  const actor = request.actor;
  if (!actor) throw new Error('authorOf called on a request without an actor');
  if (actor.kind === 'session') return userAuthor({ id: actor.userId, name: actor.name }, request.ip);
  return { kind: 'api_key', id: actor.apiKey, name: `API key ${actor.apiKey}`, ip: request.ip };
}
