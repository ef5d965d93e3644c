import { MICROS_PER_EURO } from '../../../contract/money.js';

/**
 * Per-message statuses of the SMS API (`specs/sms.yml` x-errors). The `error-text` values are the
 * ones the live API sends (as seen in SDK test fixtures and client code), which is what integrators
 * match on; the x-errors descriptions are longer prose.
 */
export const SmsStatus = {
  accepted: '0',
  throttled: '1',
  missingParameters: '2',
  invalidParameters: '3',
  invalidCredentials: '4',
  internalError: '5',
  invalidMessage: '6',
  accountBarred: '8',
  quotaExceeded: '9',
  messageTooLong: '12',
  invalidCallbackUrl: '23',
  nonWhitelistedDestination: '29',
} as const;
export type SmsStatusCode = (typeof SmsStatus)[keyof typeof SmsStatus];

export const SmsErrorText = {
  badCredentials: 'Bad Credentials',
  accountBarred: 'Account barred',
  quotaExceeded: 'Quota Exceeded - rejected',
  nonWhitelisted: 'Non White-listed Destination - rejected',
  unroutable: 'Unroutable message - rejected',
  messageTooLong: 'Message too long',
  internalError: 'Internal Error',
  throttled: (seconds: number) => `Throughput Rate Exceeded - please wait [ ${seconds} ] and retry`,
  missing: (param: string) => (param === 'api_key' || param === 'api_secret' ? `Missing ${param}` : `Missing ${param} param`),
  invalid: (param: string) => `Invalid ${param} param`,
} as const;

/** The wire form of SMS money: euros with 8 decimals, as a string ("0.03330000"). Exact for micro-euros. */
export function smsEuros(micros: number): string {
  if (!Number.isSafeInteger(micros)) throw new Error(`not an amount of micro-euros: ${micros}`);
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_EURO);
  const fraction = String(abs % MICROS_PER_EURO).padStart(6, '0');
  return `${micros < 0 ? '-' : ''}${whole}.${fraction}00`;
}
