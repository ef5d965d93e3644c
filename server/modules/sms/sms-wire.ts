import type { SmsMessageResult, SmsSendResponse } from '../../../contract/sms.js';
import type { SmsOutcome } from './send-sms.js';
import { SmsErrorText, SmsStatus, smsEuros } from './sms-status.js';

/** A refusal before any message exists (credentials, parameters): one entry with status and error-text. */
export function smsError(status: string, errorText: string): SmsSendResponse {
  return { 'message-count': '1', messages: [{ status, 'error-text': errorText }] };
}

/**
 * The Vonage response for a send. An accepted message has one entry per part, each with its own id,
 * its part price, and the balance as it stands after that part (the parts are charged in one debit,
 * so the last entry carries the balance after the whole message).
 */
export function smsResponse(outcome: SmsOutcome, refs: { clientRef?: string; accountRef?: string } = {}): SmsSendResponse {
  const echo = {
    ...(refs.clientRef !== undefined ? { 'client-ref': refs.clientRef } : {}),
    ...(refs.accountRef !== undefined ? { 'account-ref': refs.accountRef } : {}),
  };
  if (!outcome.ok) {
    const message: SmsMessageResult = {
      ...(outcome.to !== undefined ? { to: outcome.to } : {}),
      status: outcome.status,
      'error-text': outcome.errorText,
      ...(outcome.balanceMicros !== undefined ? { 'remaining-balance': smsEuros(outcome.balanceMicros) } : {}),
      ...(outcome.priceMicros !== undefined ? { 'message-price': smsEuros(outcome.priceMicros) } : {}),
      ...echo,
    };
    return { 'message-count': '1', messages: [message] };
  }
  const count = outcome.partIds.length;
  return {
    'message-count': String(count),
    messages: outcome.partIds.map((id, index) => ({
      to: outcome.to,
      'message-id': id,
      status: SmsStatus.accepted,
      'remaining-balance': smsEuros(outcome.balanceAfterMicros + (count - 1 - index) * outcome.partPriceMicros),
      'message-price': smsEuros(outcome.partPriceMicros),
      ...(outcome.network !== null ? { network: outcome.network } : {}),
      ...echo,
    })),
  };
}

/** Body fields the SMS API requires, in the order their absence is reported. */
const requiredFields = ['from', 'to', 'text'] as const;

/**
 * Maps a rejected request body to the SMS status: an absent (or empty) required field is status 2
 * "Missing … param"; any other invalid field is status 3 "Invalid … param" (23 for the callback URL).
 */
export function invalidRequestStatus(body: unknown, invalidFields: string[]): { status: string; errorText: string } {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  for (const field of requiredFields) {
    const value = fields[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      return { status: SmsStatus.missingParameters, errorText: SmsErrorText.missing(field) };
    }
  }
  const field = invalidFields[0] ?? 'request';
  if (field === 'callback') return { status: SmsStatus.invalidCallbackUrl, errorText: 'Invalid Callback Url' };
  return { status: SmsStatus.invalidParameters, errorText: SmsErrorText.invalid(field) };
}
