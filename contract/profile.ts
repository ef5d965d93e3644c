import { z } from 'zod';

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
