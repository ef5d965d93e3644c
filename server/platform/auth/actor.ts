import { permissions as allPermissions, type Permission } from '../../../contract/permissions.js';
import type { Account } from '../../db/schema.js';
import type { Scope } from './scope.js';

export interface SessionActor {
  kind: 'session';
  userId: string;
  email: string;
  name: string;
  /** The family the user belongs to: its data partition, not a decision about what the user may touch. */
  primaryApiKey: string;
  permissions: ReadonlySet<Permission>;
  scope: Scope;
  csrfToken: string;
  sessionHash: string;
  mustChangePassword: boolean;
  /** The primary user created at sign-up. */
  owner: boolean;
  /** A built-in role id or a custom role's. */
  roleId: string;
  /** The owner requires two-factor sign-in and this user has not turned it on yet. */
  twoFactorEnrolmentRequired: boolean;
}

export interface ApiKeyActor {
  kind: 'api_key';
  apiKey: string;
  primaryApiKey: string;
  isPrimary: boolean;
  permissions: ReadonlySet<Permission>;
  scope: Scope;
  /** The caller's account as read when the credentials were checked, in this request. */
  account: Account;
}

/** Whoever is making the request, however they proved it. */
export type Actor = SessionActor | ApiKeyActor;

/** An API key may do everything; the scope its key implies is its only limit. */
export const apiKeyPermissions: ReadonlySet<Permission> = new Set(allPermissions);

export function apiKeyScope(account: Pick<Account, 'api_key' | 'primary_api_key'>): Scope {
  return account.api_key === account.primary_api_key
    ? { kind: 'family', primary: account.api_key }
    : { kind: 'account', primary: account.primary_api_key, account: account.api_key };
}

export function actorLabel(actor: Actor | 'system' | 'operator'): string {
  if (actor === 'system' || actor === 'operator') return actor;
  return actor.kind === 'session' ? `user:${actor.userId}` : `api_key:${actor.apiKey}`;
}
