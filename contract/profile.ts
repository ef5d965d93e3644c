import { z } from 'zod';
import { emailSchema } from './password.js';

export const RECOVERY_CODE_COUNT = 10;

/** A code from the authenticator app (6 digits) or one of the recovery codes (xxxxx-xxxxx). */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(6, 'Enter the 6-digit code from your app, or a recovery code')
  .max(20, 'Enter the 6-digit code from your app, or a recovery code');

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code your authenticator app shows');

export const twoFactorStatusSchema = z.object({ enabled: z.boolean(), recovery_codes_left: z.number().int() });
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

/** What the authenticator app needs: the QR code (an SVG), or the secret typed by hand. */
export const twoFactorEnrolmentSchema = z.object({ secret: z.string(), otpauth_uri: z.string(), qr_svg: z.string() });
export type TwoFactorEnrolment = z.infer<typeof twoFactorEnrolmentSchema>;

export const confirmTwoFactorRequestSchema = z.object({ code: totpCodeSchema });
export type ConfirmTwoFactorRequest = z.infer<typeof confirmTwoFactorRequestSchema>;

/** Shown once, when two-factor sign-in is turned on. */
export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const disableTwoFactorRequestSchema = z.object({
  password: z.string().min(1, 'Enter your password').max(128),
  code: secondFactorCodeSchema,
});
export type DisableTwoFactorRequest = z.infer<typeof disableTwoFactorRequestSchema>;

export const activeSessionSchema = z.object({
  browser: z.string(),
  ip: z.string(),
  signed_in_at: z.string(),
  last_seen_at: z.string(),
  current: z.boolean(),
});
export const activeSessionsSchema = z.object({ sessions: z.array(activeSessionSchema) });
export type ActiveSessions = z.infer<typeof activeSessionsSchema>;

export const endedSessionsSchema = z.object({ ended: z.number().int() });

/** The signed-in user's contact details; an e-mail change waits for the link sent to the new address. */
export const profileSchema = z.object({
  name: z.string(),
  email: z.string(),
  pending_email: z.string().nullable(),
  phone: z.string().nullable(),
  skype: z.string().nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

export const updateContactRequestSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Use at most 100 characters'),
  skype: z
    .string()
    .trim()
    .max(100, 'Use at most 100 characters')
    .regex(/^([A-Za-z0-9][A-Za-z0-9._:,@-]*)?$/, 'A Skype name has letters, digits and . _ - : , @ only')
    .transform((value) => (value === '' ? null : value))
    .nullable(),
});
export type UpdateContactRequest = z.input<typeof updateContactRequestSchema>;

export const EMAIL_CHANGE_LINK_HOURS = 24;

export const emailChangeRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(128),
});
export type EmailChangeRequest = z.infer<typeof emailChangeRequestSchema>;

export const emailChangeConfirmSchema = z.object({
  token: z
    .string()
    .min(20, 'This link is not valid: request the change again')
    .max(100, 'This link is not valid: request the change again'),
});
export type EmailChangeConfirm = z.infer<typeof emailChangeConfirmSchema>;
export const emailChangedSchema = z.object({ email: z.string() });

export const phoneChangeRequestSchema = z.object({
  phone: z.string().trim().min(4, 'Enter your phone number').max(30),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Choose a country'),
});
export type PhoneChangeRequest = z.infer<typeof phoneChangeRequestSchema>;

/** A PIN is on its way to the new number; the number changes when it is entered. */
export const phoneChangeStatusSchema = z.object({
  phone_masked: z.string(),
  expires_at: z.string(),
  resend_available_at: z.string(),
  attempts_left: z.number().int(),
  server_time: z.string(),
});
export type PhoneChangeStatus = z.infer<typeof phoneChangeStatusSchema>;

export const verifyPhoneChangeRequestSchema = z.object({
  pin: z.string().trim().regex(/^\d{4}$/, 'Enter the 4-digit PIN'),
});
export type VerifyPhoneChangeRequest = z.infer<typeof verifyPhoneChangeRequestSchema>;

/** The owner's rule for the whole team. */
export const teamSecuritySchema = z.object({ require_two_factor: z.boolean() });
export type TeamSecurity = z.infer<typeof teamSecuritySchema>;
