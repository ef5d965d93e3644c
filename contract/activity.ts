import { z } from 'zod';

/** Every kind of change the activity log records; a kind is `object.what_happened`. */
export const activityKinds = [
  'account.created',
  'account.credit_limit_set',
  'account.topped_up',
  'account.max_subaccounts_set',
  'settings.updated',
  'secret.created',
  'secret.revoked',
  'subaccount.created',
  'subaccount.updated',
  'transfer.credit',
  'transfer.balance',
  'test_number.added',
  'test_number.verified',
  'test_number.removed',
  'user.signed_in',
  'user.password_changed',
  'user.password_reset',
  'user.sessions_ended',
  'user.two_factor_enabled',
  'user.two_factor_disabled',
  'profile.updated',
  'profile.email_change_requested',
  'profile.email_changed',
  'profile.phone_changed',
  'company.updated',
  'balance_alert.updated',
  'preferences.display_currency_changed',
  'member.invited',
  'member.invitation_resent',
  'member.access_changed',
  'member.disabled',
  'member.enabled',
  'member.removed',
  'team.ownership_transferred',
  'role.created',
  'role.updated',
  'role.deleted',
  'payment_method.added',
  'payment_method.removed',
  'payment_method.default_set',
  'payment.made',
  'payment.bank_transfer_requested',
  'payment.refunded',
  'profile.phone_change_requested',
  'security.two_factor_requirement_set',
  'auto_reload.updated',
  'auto_reload.resumed',
  'auto_reload.paused',
  'number.bought',
  'number.cancelled',
  'number.updated',
  'number.transferred',
  'number.renewed',
  'number.released',
  'number.restored',
  'invoice.sent',
  'invoice.finance_email_set',
  'short_code.added',
  'short_code.configured',
  'short_code.released',
  'short_code.transferred',
] as const;
export const activityKindSchema = z.enum(activityKinds);
export type ActivityKind = z.infer<typeof activityKindSchema>;

export const activityKindLabels: Record<ActivityKind, string> = {
  'account.created': 'Account created',
  'account.credit_limit_set': 'Credit limit set by the operator',
  'account.topped_up': 'Bank transfer credited',
  'account.max_subaccounts_set': 'Subaccount limit set by the operator',
  'settings.updated': 'API settings changed',
  'secret.created': 'API secret added',
  'secret.revoked': 'API secret revoked',
  'subaccount.created': 'Subaccount created',
  'subaccount.updated': 'Subaccount changed',
  'transfer.credit': 'Credit transferred',
  'transfer.balance': 'Balance transferred',
  'test_number.added': 'Test number added',
  'test_number.verified': 'Test number verified',
  'test_number.removed': 'Test number removed',
  'user.signed_in': 'Signed in',
  'user.password_changed': 'Password changed',
  'user.password_reset': 'Password reset by e-mail link',
  'user.sessions_ended': 'Other sessions signed out',
  'user.two_factor_enabled': 'Two-factor sign-in turned on',
  'user.two_factor_disabled': 'Two-factor sign-in turned off',
  'profile.updated': 'Profile changed',
  'profile.email_change_requested': 'E-mail change requested',
  'profile.email_changed': 'E-mail address changed',
  'profile.phone_changed': 'Phone number changed',
  'company.updated': 'Company details changed',
  'balance_alert.updated': 'Balance alert changed',
  'preferences.display_currency_changed': 'Display currency changed',
  'member.invited': 'Team member invited',
  'member.invitation_resent': 'Invitation sent again',
  'member.access_changed': 'Team member’s role or scope changed',
  'member.disabled': 'Team member disabled',
  'member.enabled': 'Team member enabled',
  'member.removed': 'Team member removed',
  'team.ownership_transferred': 'Ownership handed over',
  'role.created': 'Role created',
  'role.updated': 'Role changed',
  'role.deleted': 'Role deleted',
  'payment_method.added': 'Payment method added',
  'payment_method.removed': 'Payment method removed',
  'payment_method.default_set': 'Default payment method changed',
  'payment.made': 'Payment made',
  'payment.bank_transfer_requested': 'Bank transfer requested',
  'payment.refunded': 'Payment refunded by the operator',
  'profile.phone_change_requested': 'Phone change requested (PIN sent)',
  'security.two_factor_requirement_set': 'Two-factor sign-in requirement for the team changed',
  'auto_reload.updated': 'Auto-reload changed',
  'auto_reload.resumed': 'Auto-reload resumed',
  'auto_reload.paused': 'Auto-reload paused after a decline',
  'number.bought': 'Virtual number rented',
  'number.cancelled': 'Virtual number cancelled',
  'number.updated': 'Virtual number configured',
  'number.transferred': 'Virtual number moved between the primary and a subaccount',
  'number.renewed': 'Virtual number renewed for a month',
  'number.released': 'Virtual number released: not enough credit to renew it',
  'number.restored': 'Virtual number cancellation undone',
  'invoice.sent': 'Invoice e-mailed',
  'invoice.finance_email_set': 'Finance e-mail changed',
  'short_code.added': 'Shared short code added',
  'short_code.configured': 'Shared short code configured',
  'short_code.released': 'Shared short code released',
  'short_code.transferred': 'Shared short code moved between the primary and a subaccount',
};

export const activityActorKinds = ['user', 'api_key', 'operator', 'system'] as const;
export type ActivityActorKind = (typeof activityActorKinds)[number];

/** How a changed field's values read: money fields are euros, shown with the console's money format. */
export type FieldFormat = 'money' | 'boolean' | 'text';

export const activityFields: Record<string, { label: string; format: FieldFormat }> = {
  name: { label: 'Name', format: 'text' },
  email: { label: 'E-mail', format: 'text' },
  phone: { label: 'Phone', format: 'text' },
  skype: { label: 'Skype name', format: 'text' },
  company_name: { label: 'Company name', format: 'text' },
  address_line: { label: 'Address', format: 'text' },
  city: { label: 'City', format: 'text' },
  postcode: { label: 'Postcode', format: 'text' },
  country: { label: 'Country', format: 'text' },
  vat_number: { label: 'VAT number', format: 'text' },
  credit_limit: { label: 'Credit limit', format: 'money' },
  balance: { label: 'Balance', format: 'money' },
  amount: { label: 'Amount', format: 'money' },
  from: { label: 'From', format: 'text' },
  to: { label: 'To', format: 'text' },
  reference: { label: 'Reference', format: 'text' },
  suspended: { label: 'Suspended', format: 'boolean' },
  use_primary_account_balance: { label: 'Uses the primary balance', format: 'boolean' },
  mo_callback_url: { label: 'Inbound SMS webhook', format: 'text' },
  dr_callback_url: { label: 'Delivery receipt webhook', format: 'text' },
  store_message_text: { label: 'Message text stored', format: 'boolean' },
  max_subaccounts: { label: 'Maximum subaccounts', format: 'text' },
  msisdn: { label: 'Number', format: 'text' },
  method: { label: 'Method', format: 'text' },
  is_default: { label: 'Default', format: 'boolean' },
  sessions_ended: { label: 'Sessions ended', format: 'text' },
  alert_enabled: { label: 'Balance alert on', format: 'boolean' },
  threshold: { label: 'Balance threshold', format: 'money' },
  recipients: { label: 'Alert recipients', format: 'text' },
  display_currency: { label: 'Display currency', format: 'text' },
  finance_email: { label: 'Finance e-mail', format: 'text' },
  invoice: { label: 'Invoice', format: 'text' },
  role: { label: 'Role', format: 'text' },
  scope: { label: 'Scope', format: 'text' },
  status: { label: 'Status', format: 'text' },
  owner: { label: 'Owner', format: 'text' },
  permissions: { label: 'Permissions', format: 'text' },
  invitation_expires_at: { label: 'Invitation valid until', format: 'text' },
  new_email: { label: 'New e-mail (to be confirmed)', format: 'text' },
  new_phone: { label: 'New phone (to be verified)', format: 'text' },
  require_two_factor: { label: 'Two-factor sign-in required for every member', format: 'boolean' },
  auto_reload: { label: 'Auto-reload on', format: 'boolean' },
  auto_reload_state: { label: 'Auto-reload state', format: 'text' },
  decline: { label: 'Decline', format: 'text' },
  number_type: { label: 'Number type', format: 'text' },
  monthly_cost: { label: 'Monthly cost', format: 'money' },
  setup_price: { label: 'Setup price', format: 'money' },
  app_id: { label: 'Application', format: 'text' },
  mo_http_url: { label: 'Inbound SMS webhook of the number', format: 'text' },
  voice_callback_type: { label: 'Voice callback type', format: 'text' },
  voice_callback_value: { label: 'Voice callback', format: 'text' },
  voice_status_callback: { label: 'Voice status webhook', format: 'text' },
  renewal_day: { label: 'Renewal day', format: 'text' },
  available_credit: { label: 'Available credit', format: 'money' },
  description: { label: 'Description', format: 'text' },
  short_code: { label: 'Short code', format: 'text' },
  purpose: { label: 'Purpose', format: 'text' },
  template: { label: 'Message template', format: 'text' },
  messages_per_day: { label: 'Messages per day', format: 'text' },
  terms_url: { label: 'Terms and conditions', format: 'text' },
  privacy_url: { label: 'Privacy policy', format: 'text' },
};

export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const fieldChangeSchema = z.object({ field: z.string(), before: fieldValueSchema, after: fieldValueSchema });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const activityEntrySchema = z.object({
  id: z.string(),
  created_at: z.string(),
  kind: activityKindSchema,
  actor: z.object({ kind: z.enum(activityActorKinds), id: z.string().nullable(), name: z.string() }),
  api_key: z.string().nullable(),
  object_id: z.string().nullable(),
  changes: z.array(fieldChangeSchema),
  ip: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const ACTIVITY_PAGE_MAX = 200;

export const activityQuerySchema = z.object({
  actor: z.string().max(100).optional(),
  api_key: z
    .string()
    .regex(/^[0-9a-f]{8}$/, 'An API key is 8 lowercase hexadecimal characters')
    .optional(),
  kind: activityKindSchema.optional(),
  from: z.iso.datetime({ offset: true, message: 'A date and time in ISO 8601, e.g. 2026-12-01T00:00:00Z' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'A date and time in ISO 8601, e.g. 2026-12-01T00:00:00Z' }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ACTIVITY_PAGE_MAX).default(50),
});
export type ActivityQuery = z.input<typeof activityQuerySchema>;

export const activityPageSchema = z.object({
  entries: z.array(activityEntrySchema),
  next_cursor: z.string().nullable(),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;

/** The CSV export: what the page's filters show, every page of it. */
export const activityExportQuerySchema = activityQuerySchema.omit({ cursor: true, limit: true });
export type ActivityExportQuery = z.input<typeof activityExportQuerySchema>;

/** The people, keys and jobs that appear in the log, for the actor filter (`actor` takes an id or a kind). */
export const activityActorsSchema = z.object({
  actors: z.array(z.object({ id: z.string(), kind: z.enum(activityActorKinds), name: z.string() })),
});
export type ActivityActors = z.infer<typeof activityActorsSchema>;
