import { z } from 'zod';
import { eurosToMicros } from './money.js';

/** One payment moves at least €10 and at most €10 000 (seed 004). */
export const TOP_UP_MIN = 10;
export const TOP_UP_MAX = 10_000;
export const TOP_UP_PRESETS = [20, 50, 100, 250] as const;

const required = (max: number, label: string) =>
  z
    .string({ message: 'Required' })
    .trim()
    .min(1, 'Required')
    .max(max, `${label} is at most ${max} characters`);

/** The address of the card or PayPal account: required (seed 004), shown on the invoices. */
export const billingAddressSchema = z.object({
  billing_name: required(100, 'The name'),
  billing_line1: required(200, 'The address'),
  billing_city: required(100, 'The city'),
  billing_postcode: required(20, 'The postcode'),
  billing_country: z
    .string({ message: 'Required' })
    .regex(/^[A-Z]{2}$/, 'Choose a country'),
});
export type BillingAddress = z.infer<typeof billingAddressSchema>;

/** An amount of whole cents between the limits, in EUR. */
export const paymentAmountSchema = z
  .number({ message: 'Enter an amount in EUR' })
  .min(TOP_UP_MIN, `The minimum is €${TOP_UP_MIN}`)
  .max(TOP_UP_MAX, `The maximum is €${TOP_UP_MAX.toLocaleString('en-GB')} per payment`)
  .refine((amount) => (eurosToMicros(amount) ?? 1) % 10_000 === 0, 'Whole cents only');

/** The console's amount field: text as typed ("20", "12,50"), read as a payment amount. */
export const paymentAmountTextSchema = z
  .string()
  .trim()
  .min(1, 'Enter an amount in EUR')
  .transform((text) => Number(text.replace(',', '.')))
  .pipe(paymentAmountSchema);

// ---- The sandbox processor's hosted field (its own API, not Switchboard's) ----

export const sandboxTokenRequestSchema = z.object({
  number: z.string({ message: 'Required' }).min(1, 'Required').max(30, 'This card number is not valid'),
  expiry: z.string({ message: 'Required' }).min(1, 'Required').max(10, 'Enter the expiry date as MM/YY'),
  cvc: z.string({ message: 'Required' }).min(1, 'Required').max(4, 'The security code is 3 or 4 digits'),
});
export type SandboxTokenRequest = z.infer<typeof sandboxTokenRequestSchema>;

export const sandboxTokenSchema = z.object({
  token: z.string(),
  fingerprint: z.string(),
  brand: z.string(),
  last4: z.string(),
  exp_month: z.number().int(),
  exp_year: z.number().int(),
});
export type SandboxToken = z.infer<typeof sandboxTokenSchema>;

/** The console's card form: the card fields go to the processor, the address (with the token) to us. */
export const cardFormSchema = billingAddressSchema.extend({
  number: z
    .string()
    .trim()
    .min(1, 'Required')
    .regex(/^[\d\s-]{12,23}$/, 'This card number is not valid'),
  expiry: z
    .string()
    .trim()
    .min(1, 'Required')
    .regex(/^\d{1,2}\s*\/\s*(\d{2}|\d{4})$/, 'Enter the expiry date as MM/YY'),
  cvc: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, 'The security code is 3 or 4 digits'),
});
export type CardForm = z.infer<typeof cardFormSchema>;

// ---- Switchboard's billing API ----

export const addCardRequestSchema = billingAddressSchema.extend({ token: z.string().min(1).max(200) });
export type AddCardRequest = z.infer<typeof addCardRequestSchema>;

export const startPayPalResponseSchema = z.object({ approve_url: z.string() });
export const completePayPalRequestSchema = billingAddressSchema.extend({ paypal_session: z.string().min(1).max(100) });
export type CompletePayPalRequest = z.infer<typeof completePayPalRequestSchema>;

export const paymentMethodSchema = z.object({
  id: z.string(),
  type: z.enum(['card', 'paypal']),
  /** "Visa •••• 4242" or "PayPal ada@example.com". */
  label: z.string(),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  exp_month: z.number().int().nullable(),
  exp_year: z.number().int().nullable(),
  paypal_email: z.string().nullable(),
  is_default: z.boolean(),
  billing_name: z.string(),
  billing_line1: z.string(),
  billing_city: z.string(),
  billing_postcode: z.string(),
  billing_country: z.string(),
  created_at: z.string(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const processorConfigSchema = z.object({
  processor: z.enum(['sandbox', 'stripe']),
  tokenize_url: z.string(),
  /** Stripe only: the publishable key Stripe's client side (Stripe.js/Elements) tokenises the card with. */
  publishable_key: z.string().optional(),
});
export type ProcessorConfig = z.infer<typeof processorConfigSchema>;

export const paymentMethodListSchema = z.object({ methods: z.array(paymentMethodSchema), processor: processorConfigSchema });
export type PaymentMethodList = z.infer<typeof paymentMethodListSchema>;

export const methodParamsSchema = z.object({ method_id: z.string().max(100) });

export const topUpRequestSchema = z.object({ method_id: z.string({ message: 'Choose a payment method' }).min(1, 'Choose a payment method').max(100), amount: paymentAmountSchema });
export type TopUpRequest = z.infer<typeof topUpRequestSchema>;

export const bankTransferRequestSchema = z.object({ amount: paymentAmountSchema });
export type BankTransferRequest = z.infer<typeof bankTransferRequestSchema>;

export const paymentStatuses = ['processing', 'pending', 'settled', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const bankInstructionsSchema = z.object({
  beneficiary: z.string(),
  iban: z.string(),
  bic: z.string(),
  reference: z.string(),
  amount: z.number(),
});
export type BankInstructions = z.infer<typeof bankInstructionsSchema>;

export const paymentSchema = z.object({
  id: z.string(),
  method_type: z.enum(['card', 'paypal', 'bank_transfer']),
  method_label: z.string(),
  amount: z.number(),
  refunded: z.number(),
  status: z.enum(paymentStatuses),
  /** Why it failed, in words; and whether trying again later may succeed. */
  failure: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
  reference: z.string().nullable(),
  /** The bank transfer to make, while it is awaited. */
  bank_instructions: bankInstructionsSchema.nullable(),
  created_at: z.string(),
  settled_at: z.string().nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;

/** A top-up's answer: the payment, and the balance after it (unchanged unless it settled). */
export const topUpResultSchema = z.object({ payment: paymentSchema, balance: z.number(), demo: z.boolean() });
export type TopUpResult = z.infer<typeof topUpResultSchema>;

export const paymentListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const paymentListSchema = z.object({ payments: z.array(paymentSchema) });
export type PaymentList = z.infer<typeof paymentListSchema>;
