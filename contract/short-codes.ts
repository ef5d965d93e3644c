import { z } from 'zod';

/**
 * Shared US short codes (seed 004): pre-approved codes of a pool, each for one purpose, that an
 * account (a primary or a subaccount) adds, then configures with its message template and the values
 * of the opt-in text its web site must show.
 */
export const shortCodePurposes = ['two_factor', 'alerts'] as const;
export type ShortCodePurpose = (typeof shortCodePurposes)[number];

export const shortCodePurposeLabels: Record<ShortCodePurpose, string> = {
  two_factor: 'Two-factor authentication',
  alerts: 'Event-based alerts',
};

/** A US short code: 5 or 6 digits. */
export const shortCodeSchema = z.string().trim().regex(/^\d{5,6}$/, 'must be a short code of 5 or 6 digits');

export const MAX_TEMPLATE_LENGTH = 160;
export const MAX_MESSAGES_PER_DAY = 100;
/** Where a two-factor message puts the PIN. */
export const PIN_PLACEHOLDER = '{pin}';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDER_NAME = /^[a-z][a-z0-9_]{0,31}$/;

/** The named placeholders of a template, in order of first use (`{name}`). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** What is wrong with a template for its purpose, or null. */
export function templateProblem(purpose: ShortCodePurpose, template: string): string | null {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
  const bad = names.find((name) => !PLACEHOLDER_NAME.test(name));
  if (bad !== undefined) return `{${bad}} is not a placeholder: name it with lower-case letters, digits and _ (like {order_id})`;
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'Every { needs its } around a placeholder name';
  if (purpose === 'two_factor') {
    const pins = names.filter((name) => name === 'pin').length;
    if (pins === 0) return `Put ${PIN_PLACEHOLDER} where the code goes`;
    if (pins > 1) return `Use ${PIN_PLACEHOLDER} once`;
    const other = names.find((name) => name !== 'pin');
    if (other) return `A two-factor message has only ${PIN_PLACEHOLDER}: remove {${other}}`;
  }
  return null;
}

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2000, 'At most 2000 characters')
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), `Enter the http or https address of your ${what}`);

const configureFields = {
  template: z.string().trim().min(1, 'Write the message').max(MAX_TEMPLATE_LENGTH, `At most ${MAX_TEMPLATE_LENGTH} characters`),
  messages_per_day: z.coerce
    .number({ message: 'Enter a whole number of messages' })
    .int('Enter a whole number of messages')
    .min(1, 'At least 1 message a day')
    .max(MAX_MESSAGES_PER_DAY, `At most ${MAX_MESSAGES_PER_DAY} messages a day`),
  terms_url: httpUrl('terms and conditions'),
  privacy_url: httpUrl('privacy policy'),
};

/**
 * `PUT /api/accounts/{api_key}/short-codes/{code}`: the message template and the opt-in values. The
 * purpose comes along (the server checks it is the code's) so that the template is checked for it here.
 */
export const configureShortCodeRequestSchema = z
  .object({ purpose: z.enum(shortCodePurposes), ...configureFields })
  .superRefine((body, issues) => {
    const problem = templateProblem(body.purpose, body.template);
    if (problem) issues.addIssue({ code: 'custom', path: ['template'], message: problem });
  });
export type ConfigureShortCodeRequest = z.input<typeof configureShortCodeRequestSchema>;
export type ConfigureShortCode = z.output<typeof configureShortCodeRequestSchema>;

/** `POST /api/short-codes`: add a code of the pool to an account of the family. */
export const addShortCodeRequestSchema = z.object({
  api_key: z.string().trim().min(1, 'Choose the account').max(64),
  code: shortCodeSchema,
});
export type AddShortCodeRequest = z.input<typeof addShortCodeRequestSchema>;

export const shortCodeParamsSchema = z.object({ api_key: z.string().min(1).max(64), code: shortCodeSchema });

export const shortCodeViewSchema = z.object({
  api_key: z.string(),
  account_name: z.string(),
  code: z.string(),
  country: z.string(),
  purpose: z.enum(shortCodePurposes),
  /** Null until the account configures it ("Update"). */
  template: z.string().nullable(),
  placeholders: z.array(z.string()),
  messages_per_day: z.number().int().nullable(),
  terms_url: z.string().nullable(),
  privacy_url: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ShortCode = z.infer<typeof shortCodeViewSchema>;
export const shortCodeListSchema = z.object({ items: z.array(shortCodeViewSchema) });

/** What the add form offers: the pool's codes and the accounts of the family the user may give one to. */
export const shortCodeOptionsSchema = z.object({
  pool: z.array(z.object({ code: z.string(), country: z.string(), purpose: z.enum(shortCodePurposes) })),
  accounts: z.array(z.object({ api_key: z.string(), name: z.string() })),
});
export type ShortCodeOptions = z.infer<typeof shortCodeOptionsSchema>;

/**
 * The opt-in text a pre-approved US short code requires on the service's opt-in page (seed 004):
 * frequency, STOP and HELP to the code, "Message and Data Rates May Apply", terms and privacy links.
 */
export function optInText(values: { code: string; messages_per_day: number; terms_url: string; privacy_url: string }): string {
  return [
    `You will receive no more than ${values.messages_per_day} ${values.messages_per_day === 1 ? 'msg' : 'msgs'}/day.`,
    `To opt-out at any time, send STOP to ${values.code}.`,
    `To receive more information, send HELP to ${values.code}.`,
    'Message and Data Rates May Apply.',
    `The terms and conditions can be viewed at ${values.terms_url}.`,
    `Our Privacy Policy can be reviewed at ${values.privacy_url}.`,
  ].join(' ');
}
