export const permissions = [
  'account:read',
  'account:manage',
  'secrets:manage',
  'subaccounts:manage',
  'billing:manage',
  'team:manage',
] as const;

export type Permission = (typeof permissions)[number];

/**
 * What a route needs. `none`: anyone. `session`: a signed-in console user. `api`: API key and secret
 * (the public, Vonage-compatible endpoints, which the SPA also calls with its session).
 */
export type Access =
  | { auth: 'none' }
  | { auth: 'session'; permission: Permission | 'signed-in' }
  | { auth: 'api'; permission: Permission };

export const ownerPermissions: ReadonlySet<Permission> = new Set(permissions);
