import { z } from 'zod';
import { emailSchema, passwordSchema } from './password.js';
import { secondFactorCodeSchema } from './profile.js';
import { permissionSchema } from './permission-schema.js';

export const pinChannelSchema = z.enum(['sms', 'voice']);
export type PinChannel = z.infer<typeof pinChannelSchema>;

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Choose a country');

export const signupStatusSchema = z.object({
  signup_id: z.string(),
  status: z.enum(['pending', 'review', 'verified']),
  phone_masked: z.string(),
  channel: pinChannelSchema,
  expires_at: z.string(),
  resend_available_at: z.string(),
  attempts_left: z.number().int(),
  server_time: z.string(),
});
export type SignupStatus = z.infer<typeof signupStatusSchema>;

export const signupIdParamsSchema = z.object({ signupId: z.uuid() });

export const verifyPinRequestSchema = z.object({
  pin: z.string().trim().regex(/^\d{4}$/, 'Enter the 4-digit PIN'),
});
export type VerifyPinRequest = z.infer<typeof verifyPinRequestSchema>;

export const resendPinRequestSchema = z.object({ channel: pinChannelSchema });
export type ResendPinRequest = z.infer<typeof resendPinRequestSchema>;

/** Where a user may act: the whole family, or only the listed subaccounts of it. */
export const sessionScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('family') }),
  z.object({ kind: z.literal('subaccounts'), subaccounts: z.array(z.string()) }),
]);

export const sessionSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    must_change_password: z.boolean(),
    /** The primary user created at sign-up. */
    owner: z.boolean(),
    /** The owner requires two-factor sign-in and this user has not turned it on yet. */
    two_factor_enrolment_required: z.boolean(),
  }),
  account: z.object({ api_key: z.string(), company_name: z.string() }),
  role: z.object({ id: z.string(), name: z.string() }),
  permissions: z.array(permissionSchema),
  scope: sessionScopeSchema,
  csrf_token: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** Verification signs the new user in and shows the generated API secret once. */
export const verifiedSignupSchema = sessionSchema.extend({ api_secret: z.string() });
export type VerifiedSignup = z.infer<typeof verifiedSignupSchema>;

export const signInRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(128),
  /** Only for a user with two-factor sign-in: the app's code or a recovery code. */
  code: secondFactorCodeSchema.optional(),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetConfirmSchema = z.object({
  token: z
    .string()
    .min(20, 'This reset link is not valid: request a new one')
    .max(100, 'This reset link is not valid: request a new one'),
  password: passwordSchema,
});
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

/** A signed-in user replaces their password (a temporary one must be replaced before anything else works). */
export const setPasswordRequestSchema = z.object({
  current_password: z.string().min(1, 'Enter your current password').max(128),
  new_password: passwordSchema,
});
export type SetPasswordRequest = z.infer<typeof setPasswordRequestSchema>;

export const acceptedSchema = z.object({ message: z.string() });
