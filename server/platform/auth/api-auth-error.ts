import { ProblemError } from '../problems.js';

export type ApiAuthFailure = 'bad_credentials' | 'missing' | 'suspended' | 'throttled';

/**
 * API credentials were refused. Rendered by default as the Vonage 401 problem; modules whose spec
 * documents another shape (legacy `error-code` bodies, SMS statuses) render it their own way.
 */
export class ApiAuthError extends ProblemError {
  constructor(
    readonly reason: ApiAuthFailure,
    retryAfterSeconds = 0,
  ) {
    super(
      reason === 'throttled'
        ? {
            status: 429,
            type: 'https://developer.nexmo.com/api-errors#throttled',
            title: 'Too many failed authentications',
            detail: `Too many requests with wrong credentials. Try again in ${retryAfterSeconds} seconds.`,
            headers: { 'retry-after': String(retryAfterSeconds) },
          }
        : {
            status: 401,
            type: 'https://developer.nexmo.com/api-errors#unauthorized',
            title: 'Unauthorized',
            detail: reason === 'suspended' ? 'This account is suspended.' : 'You did not provide correct credentials.',
          },
    );
  }
}
