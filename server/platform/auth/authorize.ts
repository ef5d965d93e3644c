import { PERMISSION_REQUIRED, ROLE_REQUIRED, permissionLabels, type Permission } from '../../../contract/permissions.js';
import { ProblemError } from '../problems.js';
import type { Actor } from './actor.js';
import type { AccountField, RequiredRole } from './permissions.js';
import { inScope, ownKeyOf, type AccountRef } from './scope.js';

/** The caller lacks the permission a route declares: 403, naming the permission. */
export class PermissionRequiredError extends ProblemError {
  constructor(readonly permission: Permission) {
    super({
      status: 403,
      type: PERMISSION_REQUIRED,
      title: 'Permission required',
      detail: `This needs the permission '${permission}' (${permissionLabels[permission]}). Ask an administrator of your account for it.`,
      extensions: { permission },
    });
  }
}

/**
 * An account outside the caller's scope (or one that does not exist: the two are indistinguishable).
 * 404 by default; an endpoint family whose spec words it otherwise renders it its own way.
 */
export class OutOfScopeError extends ProblemError {
  constructor(
    readonly apiKey: string,
    readonly field: AccountField | 'own',
  ) {
    super({ status: 404, type: 'https://developer.nexmo.com/api-errors#invalid-api-key', title: 'Invalid API Key', detail: `API key '${apiKey}' not found` });
  }
}

/** A family route called with a subaccount's own key: one level only, a subaccount has no family. */
export class NotAPrimaryError extends ProblemError {
  constructor(readonly apiKey: string) {
    super({ status: 403, title: 'Not a primary account', detail: `Account ${apiKey} is a subaccount and has no subaccounts of its own.` });
  }
}

/** An account a request names, as the access hook resolved it (`account` null: no such account). */
export interface NamedAccount {
  key: string;
  field: AccountField | 'own';
  account: AccountRef | null;
  /**
   * `account`: must be in the caller's scope. `family`: must be the caller's own key and a primary
   * (lists under it are filtered by scope). `party`: a side of a movement within the family, so the
   * family's primary or an account in scope.
   */
  as: 'account' | 'family' | 'party';
}

/** The route is for the owner (or the owner and Administrators) only: 403, naming who may. */
export class RoleRequiredError extends ProblemError {
  constructor(readonly role: RequiredRole) {
    super({
      status: 403,
      type: ROLE_REQUIRED,
      title: role === 'owner' ? 'Only the account owner can do this' : 'Only the owner and Administrators can do this',
      detail:
        role === 'owner'
          ? 'Only the account owner (the user who signed the company up) can do this.'
          : 'Only the account owner and members with the Administrator role can do this. Ask one of them.',
      extensions: { role },
    });
  }
}

/** API keys act for the whole account: they pass. A console user must be the owner, or an Administrator where that suffices. */
export function authorizeRole(actor: Actor, role: RequiredRole): void {
  if (actor.kind !== 'session' || actor.owner) return;
  if (role === 'administrator' && actor.roleId === 'administrator') return;
  throw new RoleRequiredError(role);
}

/**
 * The one authorization check: the actor holds `permission` (else 403) and the account the request
 * names, if any, is one it may reach (else 404, as if it did not exist).
 */
export function authorize(actor: Actor, permission: Permission | 'signed-in', named?: NamedAccount): void {
  if (permission !== 'signed-in' && !actor.permissions.has(permission)) throw new PermissionRequiredError(permission);
  if (!named) return;
  const { scope } = actor;
  const { account, key, field } = named;
  if (named.as === 'family') {
    if (key !== ownKeyOf(scope) || !account) throw new OutOfScopeError(key, field);
    if (account.primary_api_key !== account.api_key) throw new NotAPrimaryError(key);
    return;
  }
  const reachable = account !== null && (inScope(scope, account) || (named.as === 'party' && scope.kind !== 'account' && key === scope.primary));
  if (!reachable) throw new OutOfScopeError(key, field);
}
