import type { Permission } from '../../../contract/permissions.js';

export type { Permission } from '../../../contract/permissions.js';

/** Where a request names an account: a path parameter or a field of the (validated) body. */
export type AccountField = `params.${string}` | `body.${string}`;

/**
 * The account a route acts on, checked against the caller's scope before the handler runs and
 * handed to it (`accountOf`).
 * - `family`: the caller's family as a whole (its primary), implicitly (`true`) or named by a path
 *   parameter that must be the caller's own key; lists under it are filtered by scope. A subaccount's
 *   key has no family of its own (`NotAPrimaryError`).
 * - `own`: the caller's own account (a console user's primary, an API key's account), if in scope.
 * - `account`: a path parameter naming any account in the caller's scope.
 */
export type AccountTarget = { family: true | string } | { own: true } | { account: string };

/**
 * What a route needs. `none`: anyone. `session`: a signed-in console user. `api`: API key and secret
 * (the public, Vonage-compatible endpoints, which the SPA also calls with its session).
 * `within` lists further accounts the request names (a subaccount in the path, the sides of a
 * transfer): each must be the caller's own account or in its scope.
 * `duringPasswordChange`: open to a user who must still replace a temporary password (and to one who
 * must still turn on two-factor sign-in: these are reading the session, signing out, setting a password).
 * `duringTwoFactorEnrolment`: open to a user whom the owner requires to turn on two-factor sign-in.
 * `role`: only the owner (`owner`), or the owner and members with the Administrator role
 * (`administrator`), besides the permission.
 */
export type Access =
  | { auth: 'none' }
  | {
      auth: 'session' | 'api';
      permission: Permission | 'signed-in';
      account?: AccountTarget;
      within?: readonly AccountField[];
      duringPasswordChange?: true;
      duringTwoFactorEnrolment?: true;
      role?: RequiredRole;
    };

export type RequiredRole = 'owner' | 'administrator';

export type ProtectedAccess = Exclude<Access, { auth: 'none' }>;
