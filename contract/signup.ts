import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import { countryCodeSchema, pinChannelSchema } from './identity.js';
import { emailSchema, passwordSchema } from './password.js';

/** Kept apart from identity.ts so that only the sign-up page pays for phone-number metadata. */
export const signupRequestSchema = z
  .object({
    company_name: z.string().trim().min(1, 'Enter your company name').max(120),
    name: z.string().trim().min(1, 'Enter your name').max(120),
    email: emailSchema,
    password: passwordSchema,
    country: countryCodeSchema,
    phone: z.string().trim().min(1, 'Enter your phone number').max(32),
    pin_channel: pinChannelSchema,
  })
  .superRefine((value, context) => {
    if (value.phone && !isValidPhoneNumber(value.phone, value.country as CountryCode)) {
      context.addIssue({ code: 'custom', path: ['phone'], message: 'Enter a valid phone number for the chosen country' });
    }
  });
export type SignupRequest = z.infer<typeof signupRequestSchema>;

