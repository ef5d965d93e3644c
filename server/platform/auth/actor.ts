import type { Account } from '../../db/schema.js';
import type { Permission } from './permissions.js';

export interface SessionActor {
  kind: 'session';
  userId: string;
  email: string;
  name: string;
  primaryApiKey: string;
  permissions: ReadonlySet<Permission>;
  csrfToken: string;
  sessionHash: string;
  mustChangePassword: boolean;
}

export interface ApiKeyActor {
  kind: 'api_key';
  apiKey: string;
  primaryApiKey: string;
  isPrimary: boolean;
  /** The caller's account as read when the credentials were checked, in this request. */
  account: Account;
}

/** Whoever is making the request, however they proved it. */
export type Actor = SessionActor | ApiKeyActor;

export function actorLabel(actor: Actor | 'system' | 'operator'): string {
  if (actor === 'system' || actor === 'operator') return actor;
  return actor.kind === 'session' ? `user:${actor.userId}` : `api_key:${actor.apiKey}`;
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'api_key' || actor.permissions.has(permission);
}
