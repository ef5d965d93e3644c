import { z } from 'zod';
import { emailSchema } from './password.js';
import { permissionSchema } from './permission-schema.js';
import { permissions } from './permissions.js';

/** At most this many users (the owner included) in one account family. */
export const TEAM_MEMBER_LIMIT = 200;
/** How long an invitation's temporary password works. */
export const TEMPORARY_PASSWORD_HOURS = 72;

/** The problem `type` of a sign-in refused because an administrator disabled the user. */
export const MEMBER_DISABLED = 'https://switchboard.dev/problems/member-disabled';
/** The problem `type` of a sign-in refused because the invitation's temporary password expired. */
export const TEMPORARY_PASSWORD_EXPIRED = 'https://switchboard.dev/problems/temporary-password-expired';

export const memberStatuses = ['invited', 'active', 'disabled'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const memberStatusLabels: Record<MemberStatus, string> = { invited: 'Invited', active: 'Active', disabled: 'Disabled' };

const subaccountKeySchema = z.string().regex(/^[0-9a-f]{8}$/, 'An API key is 8 lowercase hexadecimal characters');

const accessFields = {
  role_id: z.string().trim().min(1, 'Choose a role').max(64),
  scope: z.enum(['family', 'subaccounts']),
  subaccounts: z.array(subaccountKeySchema).max(10_000, 'Choose at most 10 000 subaccounts'),
};

type ScopeFields = { scope: 'family' | 'subaccounts'; subaccounts: string[] };

function requireChosenSubaccounts(value: ScopeFields, context: z.RefinementCtx) {
  if (value.scope === 'subaccounts' && value.subaccounts.length === 0) {
    context.addIssue({ code: 'custom', path: ['subaccounts'], message: 'Choose at least one subaccount, or the whole account' });
  }
}

const normaliseScope = <T extends ScopeFields>(value: T): T => ({ ...value, subaccounts: value.scope === 'family' ? [] : [...new Set(value.subaccounts)] });

/**
 * What a member may do (a role) and where: the whole family, or the chosen subaccounts. Flat rather
 * than a union, so that a form holds both and `subaccounts` is a field errors can name.
 */
export const memberAccessSchema = z.object(accessFields).superRefine(requireChosenSubaccounts).transform(normaliseScope);
export type MemberAccessInput = z.input<typeof memberAccessSchema>;
export type MemberAccess = z.output<typeof memberAccessSchema>;

export const inviteMemberSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter the member’s name').max(100, 'Use at most 100 characters'),
    email: emailSchema,
    ...accessFields,
  })
  .superRefine(requireChosenSubaccounts)
  .transform(normaliseScope);
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;
export type InviteMember = z.output<typeof inviteMemberSchema>;

export const memberParamsSchema = z.object({ member_id: z.uuid('No such member') });

export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  /** The primary user: always an Administrator of the whole family; nobody can demote, disable or remove them. */
  owner: z.boolean(),
  role: z.object({ id: z.string(), name: z.string() }),
  scope: z.enum(['family', 'subaccounts']),
  subaccounts: z.array(z.object({ api_key: z.string(), name: z.string() })),
  status: z.enum(memberStatuses),
  /** While invited: when the temporary password stops working. */
  invitation_expires_at: z.string().nullable(),
  last_sign_in_at: z.string().nullable(),
  created_at: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const teamSchema = z.object({ members: z.array(memberSchema), member_limit: z.number().int() });
export type Team = z.infer<typeof teamSchema>;

export const transferOwnershipSchema = z.object({
  member_id: z.uuid('Choose an Administrator'),
  password: z.string().min(1, 'Enter your password').max(128),
});
export type TransferOwnership = z.infer<typeof transferOwnershipSchema>;

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(permissionSchema),
  built_in: z.boolean(),
  /** How many members have it (a role in use cannot be deleted). */
  members: z.number().int(),
});
export type Role = z.infer<typeof roleSchema>;

export const rolesSchema = z.object({ roles: z.array(roleSchema) });
export type Roles = z.infer<typeof rolesSchema>;

export const roleRequestSchema = z.object({
  name: z.string().trim().min(1, 'Name the role').max(60, 'Use at most 60 characters'),
  permissions: z
    .array(permissionSchema)
    // In the order of the list, once each: two requests for the same set store the same value.
    .transform((chosen) => permissions.filter((permission) => chosen.includes(permission))),
});
export type RoleRequestInput = z.input<typeof roleRequestSchema>;
export type RoleRequest = z.output<typeof roleRequestSchema>;

export const roleParamsSchema = z.object({ role_id: z.string().min(1).max(64) });

/** Subaccounts a scope can be made of, found by name or API key. */
export const scopeCandidatesQuerySchema = z.object({ search: z.string().trim().max(100).default('') });
export const scopeCandidatesSchema = z.object({ subaccounts: z.array(z.object({ api_key: z.string(), name: z.string() })) });
export type ScopeCandidates = z.infer<typeof scopeCandidatesSchema>;
