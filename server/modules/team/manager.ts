import type { Permission } from '../../../contract/permissions.js';
import type { SessionActor } from '../../platform/auth/actor.js';
import { ProblemError } from '../../platform/problems.js';

/**
 * What `team:manage` allows is bounded by the manager's own grant, so that the permission cannot be
 * turned into more: a member limited to some subaccounts manages nobody (they could otherwise widen a
 * scope beyond their own), and nobody gives, builds or touches a role with permissions they lack.
 */
export function assertWholeFamily(manager: SessionActor): void {
  if (manager.scope.kind === 'family') return;
  throw new ProblemError({
    status: 403,
    title: 'Whole account needed',
    detail: 'Managing the team needs access to the whole account; yours is limited to some subaccounts. Ask an administrator of your account.',
  });
}

const lacking = (manager: SessionActor, permissions: readonly Permission[]) => permissions.filter((permission) => !manager.permissions.has(permission));

const beyond = (detail: string, field?: string) =>
  new ProblemError({
    status: 403,
    title: 'Beyond your own permissions',
    detail,
    ...(field ? { invalidParameters: [{ name: field, reason: detail }] } : {}),
  });

/** Refuses to give or build a role with permissions the manager lacks; `field` names the request's field at fault. */
export function assertMayGive(manager: SessionActor, permissions: readonly Permission[], field: string): void {
  const missing = lacking(manager, permissions);
  if (missing.length > 0) throw beyond(`Only someone who holds them can give these permissions: ${missing.join(', ')}.`, field);
}

/** Refuses to change a member, or a role, holding permissions the manager lacks. */
export function assertMayManage(manager: SessionActor, subject: { name: string; permissions: readonly Permission[] }): void {
  const missing = lacking(manager, subject.permissions);
  if (missing.length > 0) throw beyond(`${subject.name} holds permissions you do not (${missing.join(', ')}): ask an administrator of your account.`);
}
