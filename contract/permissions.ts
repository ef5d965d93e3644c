/**
 * What a user may do, as `resource:action`. The single list for the server (each route declares one)
 * and the console (navigation, disabled controls). API keys hold every permission; their limit is the
 * account scope their key implies.
 */
export const permissions = [
  'account:read',
  'api_settings:write',
  'messages:send',
  'subaccounts:read',
  'subaccounts:write',
  'subaccounts:transfer',
  'billing:read',
  'billing:write',
  'invoices:read',
  'numbers:read',
  'numbers:write',
  'usage:read',
  'team:manage',
  'activity:read',
] as const;

// No zod here: the console's entry (router, navigation) reads this list, and zod loads only with forms.
export type Permission = (typeof permissions)[number];

/** How the console names each permission when it explains why a control is disabled. */
export const permissionLabels: Record<Permission, string> = {
  'account:read': 'View the account and its API settings',
  'api_settings:write': 'Change API settings, secrets and test numbers',
  'messages:send': 'Send messages',
  'subaccounts:read': 'View subaccounts and transfers',
  'subaccounts:write': 'Create and change subaccounts',
  'subaccounts:transfer': 'Transfer credit and balance',
  'billing:read': 'View billing',
  'billing:write': 'Make payments and change billing settings',
  'invoices:read': 'View and download invoices',
  'numbers:read': 'View numbers',
  'numbers:write': 'Rent, configure and cancel numbers',
  'usage:read': 'View usage and API requests',
  'team:manage': 'Manage team members and roles',
  'activity:read': 'View the activity log',
};

const readPermissions = permissions.filter((permission) => permission.endsWith(':read'));

/** The built-in roles: named bundles of permissions. Administrators build custom roles from the same list. */
export const builtInRoles = {
  administrator: { name: 'Administrator', permissions: [...permissions] },
  developer: {
    name: 'Developer',
    permissions: [
      'account:read',
      'api_settings:write',
      'messages:send',
      'subaccounts:read',
      'subaccounts:write',
      'numbers:read',
      'numbers:write',
      'usage:read',
    ],
  },
  finance: {
    name: 'Finance',
    permissions: [...readPermissions, 'billing:write'],
  },
  read_only: { name: 'Read-only', permissions: readPermissions },
} as const satisfies Record<string, { name: string; permissions: readonly Permission[] }>;

export type BuiltInRoleId = keyof typeof builtInRoles;
export const builtInRoleIds = Object.keys(builtInRoles) as BuiltInRoleId[];

export function isBuiltInRole(roleId: string): roleId is BuiltInRoleId {
  return Object.hasOwn(builtInRoles, roleId);
}

/** The problem `type` of a request refused until the user sets a password of their own. */
export const PASSWORD_CHANGE_REQUIRED = 'https://switchboard.dev/problems/password-change-required';
/** The problem `type` of a request refused for a missing permission; its `permission` member names it. */
export const PERMISSION_REQUIRED = 'https://switchboard.dev/problems/permission-required';
/** The problem `type` of a request refused until the user turns on two-factor sign-in, which the owner requires. */
export const TWO_FACTOR_ENROLMENT_REQUIRED = 'https://switchboard.dev/problems/two-factor-enrolment-required';
/** The problem `type` of a request only the owner (or the owner and Administrators) may make; `role` names which. */
export const ROLE_REQUIRED = 'https://switchboard.dev/problems/role-required';
